import { bytes, count } from '../format';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { SnapshotStats } from '@/lib/snapshots/stats';

export const ratio = (raw: number, compressed: number) =>
  compressed > 0 ? `${(raw / compressed).toFixed(1)}×` : '—';

export function AggregateTable({ rows }: { rows: SnapshotStats['byAggregate'] }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Aggregate type</TableHeaderCell>
          <TableHeaderCell className="text-right">Snapshots</TableHeaderCell>
          <TableHeaderCell className="text-right">State size</TableHeaderCell>
          <TableHeaderCell className="text-right">Stored size</TableHeaderCell>
          <TableHeaderCell className="text-right">Compression</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.aggregateType}>
            <TableCell className="font-mono text-[13px] text-zinc-900">
              {row.aggregateType}
            </TableCell>
            <TableCell className="text-right tabular-nums">{count(row.snapshots)}</TableCell>
            <TableCell className="text-right tabular-nums">{bytes(row.rawBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">{bytes(row.compressedBytes)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {ratio(row.rawBytes, row.compressedBytes)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
