import type { Actor } from '../actor';
import { aggregateForStream } from '../aggregates/known';
import type { StreamDetails } from '../event-store';
import type { StreamPage } from '../event-store/read-stream';
import { getChronicle, getStore } from '../runtime';
import type { StateAt } from '../temporal/state-at';

export type TimelineStart = {
  firstPage: StreamPage;
  /** At version 1 and at the current version; null for a stream of no aggregate type. */
  states: [StateAt, StateAt] | null;
};

/**
 * What a stream page's timeline and time travel open with, read with the page itself: its
 * first events and the states at both ends. Later pages and other points are asked for as the
 * reader scrolls or moves.
 */
export async function timelineStart(
  actor: Actor,
  stream: StreamDetails,
  pageSize: number,
): Promise<TimelineStart> {
  const { streamId, version } = stream;
  const [store, chronicle] = await Promise.all([getStore(), getChronicle()]);
  const stateAt = (at: number) => chronicle.stateAt({ actor, streamId, point: { version: at } });
  const [firstPage, states] = await Promise.all([
    store.readStream({ actor, streamId, fromVersion: 1, limit: pageSize, direction: 'forward' }),
    aggregateForStream(streamId) && version > 0
      ? Promise.all([stateAt(1), stateAt(version)])
      : null,
  ]);
  return { firstPage, states };
}
