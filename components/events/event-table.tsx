import { Table, TableBody, TableHead, TableHeaderCell } from '../ui/table';
import { EventRow } from './event-row';
import type { RecordedEvent } from '@/lib/event-store';

/**
 * The events of one stream, or of the global log when `showStream` adds a stream column (with
 * the streams' names from `labels`). To fit 1280 px the log has one time column: recorded, as
 * its rows are in commit order, with the occurred time beneath where it differs.
 */
export function EventTable({
  events,
  showStream = false,
  labels,
}: {
  events: RecordedEvent[];
  showStream?: boolean;
  labels?: Map<string, string>;
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
          <EventRow
            key={event.eventId}
            event={event}
            showStream={showStream}
            label={labels?.get(event.streamId)}
          />
        ))}
      </TableBody>
    </Table>
  );
}
