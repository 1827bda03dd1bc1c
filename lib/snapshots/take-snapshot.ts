import { assertRole, type Actor } from '../actor';
import { aggregateForStream } from '../aggregates/known';
import type { Repository } from '../aggregates/repository';
import { unprocessable } from '../errors';
import type { EventStore } from '../event-store';
import { categoryOf } from '../event-store/stream-id';
import { saveSnapshot } from './snapshot-store';

export type TakenSnapshot = { streamId: string; version: number };

/**
 * Builds a stream's current state and stores it as a snapshot now, instead of waiting for the
 * next multiple of the snapshot interval. Taking one at a version that has one already is a
 * no-op: a snapshot of a version never changes.
 */
export async function takeSnapshot(
  { store, repository }: { store: EventStore; repository: Repository },
  { actor, streamId }: { actor: Actor; streamId: string },
): Promise<TakenSnapshot> {
  assertRole(actor, 'operator');
  const aggregate = aggregateForStream(streamId);
  if (!aggregate) {
    throw unprocessable(
      `Streams of category ${categoryOf(streamId)} have no aggregate type to take a snapshot of`,
    );
  }
  await store.getStream({ actor, streamId });
  const { state, version } = await repository.load(aggregate, streamId, { actor });
  if (state === null) throw unprocessable(`Stream ${streamId} has no events to take a snapshot of`);
  await saveSnapshot(store.context.sql, { streamId, version, kind: aggregate, state });
  return { streamId, version };
}
