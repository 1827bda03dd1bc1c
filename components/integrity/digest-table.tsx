import type { Digest } from '@/lib/integrity/digest';
import { HashText } from '../hash-text';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';

/** Past digests, newest first. */
export function DigestTable({ digests }: { digests: Digest[] }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Taken</TableHeaderCell>
          <TableHeaderCell className="text-right">Position</TableHeaderCell>
          <TableHeaderCell className="text-right">Streams</TableHeaderCell>
          <TableHeaderCell className="text-right">Events</TableHeaderCell>
          <TableHeaderCell>Root</TableHeaderCell>
          <TableHeaderCell>Key</TableHeaderCell>
          <TableHeaderCell>By</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {digests.map((digest) => (
          <TableRow key={digest.id}>
            <TableCell>
              <Timestamp value={digest.createdAt} />
            </TableCell>
            <TableCell className="text-right font-mono text-xs tabular-nums">
              {digest.position}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {digest.streams.toLocaleString('en-US')}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {digest.events.toLocaleString('en-US')}
            </TableCell>
            <TableCell>
              <HashText value={digest.root} />
            </TableCell>
            <TableCell className="font-mono text-xs">{digest.keyId}</TableCell>
            <TableCell className="text-xs">{digest.createdBy}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
