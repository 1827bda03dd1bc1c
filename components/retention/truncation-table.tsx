import type { Truncation } from '@/lib/retention/rules';
import { HashText } from '../hash-text';
import { StreamName } from '../stream-name';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';

/** Where each scavenged stream's chain now starts: the last removed version and its hash. */
export function TruncationTable({ truncations }: { truncations: Truncation[] }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Stream</TableHeaderCell>
          <TableHeaderCell className="text-right">Anchor version</TableHeaderCell>
          <TableHeaderCell>Anchor hash</TableHeaderCell>
          <TableHeaderCell className="text-right">Removed events</TableHeaderCell>
          <TableHeaderCell>Last scavenged</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {truncations.map((t) => (
          <TableRow key={t.streamId}>
            <TableCell className="max-w-md">
              <StreamName streamId={t.streamId} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{t.anchorVersion}</TableCell>
            <TableCell>
              <HashText value={t.anchorHash} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {t.removedEvents.toLocaleString('en-US')}
            </TableCell>
            <TableCell>
              <Timestamp value={t.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
