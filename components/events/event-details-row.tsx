import { EventDetails } from './event-details';
import type { RecordedEvent } from '@/lib/event-store';

/** The table row under an event's row that holds the whole event. */
export function EventDetailsRow({ event, columns }: { event: RecordedEvent; columns: number }) {
  return (
    <tr className="bg-zinc-50/60">
      <td colSpan={columns} className="border-t border-zinc-100 p-0">
        <EventDetails event={event} />
      </td>
    </tr>
  );
}
