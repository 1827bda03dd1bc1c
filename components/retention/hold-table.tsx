import type { Result } from '@/lib/console/result';
import type { Hold } from '@/lib/retention/rules';
import { ActionButton } from '../integrity/action-button';
import { StreamName } from '../stream-name';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';

/** Streams under legal hold, by stream id; an admin can lift a hold. */
export function HoldTable({
  holds,
  lift,
}: {
  holds: Hold[];
  lift?: (streamId: string, hold: boolean) => Promise<Result<{ streamId: string; hold: boolean }>>;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Stream</TableHeaderCell>
          <TableHeaderCell>Placed</TableHeaderCell>
          <TableHeaderCell>By</TableHeaderCell>
          {lift && <TableHeaderCell className="sr-only">Actions</TableHeaderCell>}
        </tr>
      </TableHead>
      <TableBody>
        {holds.map((hold) => (
          <TableRow key={hold.streamId}>
            <TableCell className="max-w-md">
              <StreamName streamId={hold.streamId} />
            </TableCell>
            <TableCell>
              <Timestamp value={hold.placedAt} />
            </TableCell>
            <TableCell className="text-xs">{hold.placedBy}</TableCell>
            {lift && (
              <TableCell className="text-right">
                <ActionButton action={lift.bind(null, hold.streamId, false)}>
                  Lift hold
                </ActionButton>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
