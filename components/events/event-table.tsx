import { Table, TableBody, TableHead, TableHeaderCell } from '../ui/table';
import { EventRow } from './event-row';
import type { RecordedEvent } from '@/lib/event-store';

/**
 * The events of one stream, or of the global log when `showStream` adds a stream column. The
 * log leaves out occurred-at to fit 1280 px (rows are in commit order; details show both times).
 */
export function EventTable({
  events,
  showStream = false,
}: {
  events: RecordedEvent[];
  showStream?: boolean;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>
            <span className="sr-only">Details</span>
          </TableHeaderCell>
          {showStream && <TableHeaderCell>Stream</TableHeaderCell>}
          <TableHeaderCell className="text-right">Version</TableHeaderCell>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell className="text-right">Position</TableHeaderCell>
          {!showStream && <TableHeaderCell>Occurred at</TableHeaderCell>}
          <TableHeaderCell>Recorded at</TableHeaderCell>
          <TableHeaderCell>Hash</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <EventRow key={event.eventId} event={event} showStream={showStream} />
        ))}
      </TableBody>
    </Table>
  );
}
