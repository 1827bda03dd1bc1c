import type { Aggregate, DomainEvent } from '../domain/aggregate';
import { ChronicleError, isChronicleError } from '../errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate, whatever its types
type AnyAggregate = Aggregate<any, any, any>;

export type FoldRefusal = { version: number; eventType: string; reason: string };

/**
 * Folds events (numbered from `fromVersion + 1`) onto a state with the aggregate's own evolve,
 * which refuses an event that cannot follow; the history must also be of the aggregate the
 * stream is named for. Returns the state, or what stopped the fold and where.
 */
export function foldHistory(
  aggregate: AnyAggregate,
  streamId: string,
  { state, fromVersion }: { state: unknown; fromVersion: number },
  events: DomainEvent[],
): { state: unknown } | { refusal: FoldRefusal } {
  let current = state;
  for (const [i, event] of events.entries()) {
    const version = fromVersion + i + 1;
    try {
      current = aggregate.evolve(current, event);
    } catch (error) {
      if (!isChronicleError(error)) throw error;
      return { refusal: { version, eventType: event.type, reason: error.message } };
    }
    if (
      current !== null &&
      version === 1 &&
      aggregate.stateId(current) !== aggregate.idOf(streamId)
    ) {
      const reason = `it creates ${aggregate.type} ${aggregate.stateId(current)}, and this stream is ${aggregate.type} ${aggregate.idOf(streamId)}'s`;
      return { refusal: { version, eventType: event.type, reason } };
    }
  }
  return { state: current };
}

/** A stored history its aggregate cannot fold: reads and commands on it answer this, never a 500. */
export const unfoldable = (aggregate: AnyAggregate, streamId: string, refusal: FoldRefusal) =>
  new ChronicleError(
    'unfoldable',
    `Stream ${streamId} cannot be read as a ${aggregate.type}: version ${refusal.version} (${refusal.eventType}) cannot follow the events before it: ${refusal.reason}`,
    { streamId, ...refusal },
  );

/** Appended events the aggregate's history does not accept. */
export const refusedAppend = (
  aggregate: AnyAggregate,
  streamId: string,
  refusal: FoldRefusal,
  index: number,
) =>
  new ChronicleError(
    'unprocessable',
    `events[${index}] (${refusal.eventType}) cannot be appended to ${streamId} as its version ${refusal.version}: ${refusal.reason}`,
    {
      streamId,
      ...refusal,
      errors: [{ path: `events[${index}]`, message: `refused by the ${aggregate.type} history` }],
    },
  );
