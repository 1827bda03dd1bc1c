import Link from 'next/link';
import { Timestamp } from '../timestamp';
import { cn } from '../ui/cn';
import { eventHref } from './event-href';
import type { RecordedEvent } from '@/lib/event-store/types';

/**
 * One event in a list of related events (a causation chain, a correlation group): its type as a
 * link to its page, its stream and position, and when it was recorded. The page's own event is
 * marked rather than linked.
 */
export function EventLinkRow({
  event,
  current = false,
  indent = 0,
  note,
}: {
  event: RecordedEvent;
  current?: boolean;
  indent?: number;
  note?: string;
}) {
  return (
    <li
      aria-current={current ? 'true' : undefined}
      className={cn(
        'grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-4 gap-y-0.5 border-l-2 px-3 py-1.5 text-xs',
        current ? 'border-zinc-900 bg-zinc-100' : 'border-zinc-200',
      )}
      style={{ paddingLeft: `${0.75 + indent * 1.25}rem` }}
    >
      <span className="min-w-0 truncate">
        {current ? (
          <span className="font-semibold text-zinc-900">{event.type}</span>
        ) : (
          <Link
            href={eventHref(event.eventId)}
            className="font-medium text-zinc-900 hover:underline"
          >
            {event.type}
          </Link>
        )}
        <span className="ml-2 font-mono text-zinc-600">
          {event.streamId}@{event.version}
        </span>
        {note && <span className="ml-2 text-zinc-600">{note}</span>}
      </span>
      <span className="flex items-baseline gap-3 text-zinc-600">
        <span className="tabular-nums">#{event.position}</span>
        <Timestamp value={event.recordedAt} />
      </span>
    </li>
  );
}
