import { EventLinkRow } from './event-link-row';
import { causedDepthFirst } from '@/lib/console/causation-layout';
import type { RecordedEvent } from '@/lib/event-store/types';
import type { Causation } from '@/lib/event-store/read-causation';
import { plural } from '../format';

/**
 * What led to an event (its causes, the root first) and what it caused (indented by how many
 * steps away), with the event itself between them.
 */
export function CausationChain({
  event,
  causation,
}: {
  event: RecordedEvent;
  causation: Causation;
}) {
  const { causes, caused, causesCapped, causedCapped } = causation;
  return (
    <div className="flex flex-col gap-3">
      {causesCapped && (
        <p className="text-xs text-zinc-600">Only the nearest {causes.length} causes are shown.</p>
      )}
      <ol aria-label="Causation chain" className="flex flex-col gap-0.5">
        {causes.toReversed().map((cause, index) => (
          <EventLinkRow
            key={cause.eventId}
            event={cause}
            note={index === 0 && !causesCapped ? 'root' : undefined}
          />
        ))}
        <EventLinkRow event={event} current note="this event" />
        {causedDepthFirst(event.eventId, caused).map((effect) => (
          <EventLinkRow
            key={effect.eventId}
            event={effect}
            indent={effect.depth}
            note={effect.depth === 1 ? 'caused directly' : `${effect.depth} steps on`}
          />
        ))}
      </ol>
      <p className="text-xs text-zinc-600">
        {causes.length === 0
          ? 'Nothing in the store caused this event: its causationId names no stored event.'
          : `${causes.length} ${plural(causes.length, 'cause')} above it.`}{' '}
        {caused.length === 0
          ? 'No event names it as its cause.'
          : `${caused.length} ${plural(caused.length, 'event')} followed from it${causedCapped ? ' (the first shown; there are more)' : ''}.`}
      </p>
    </div>
  );
}
