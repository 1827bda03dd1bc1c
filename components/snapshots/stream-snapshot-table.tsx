import { bytes } from '../format';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { ratio } from './aggregate-table';
import type { SnapshotRow } from '@/lib/snapshots/stream-snapshots';

/** A stream's snapshots, newest version first. */
export function StreamSnapshotTable({ rows }: { rows: SnapshotRow[] }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell className="text-right">Version</TableHeaderCell>
          <TableHeaderCell>Aggregate type</TableHeaderCell>
          <TableHeaderCell className="text-right">State size</TableHeaderCell>
          <TableHeaderCell className="text-right">Stored size</TableHeaderCell>
          <TableHeaderCell className="text-right">Compression</TableHeaderCell>
          <TableHeaderCell>Taken at</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.version}>
            <TableCell className="text-right tabular-nums">{row.version}</TableCell>
            <TableCell className="font-mono text-[13px] text-zinc-900">
              {row.aggregateType}
            </TableCell>
            <TableCell className="text-right tabular-nums">{bytes(row.rawBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">{bytes(row.compressedBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {ratio(row.rawBytes, row.compressedBytes)}
            </TableCell>
            <TableCell>
              <Timestamp value={row.createdAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
