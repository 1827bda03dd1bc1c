import { systemActor, type Actor } from '../actor';
import { aggregateForStream } from '../aggregates/known';
import type { Bounds, Repository } from '../aggregates/repository';
import { notFound, unprocessable } from '../errors';
import type { EventStore } from '../event-store';
import { categoryOf } from '../event-store/stream-id';
import { expiredThrough } from '../retention/visible';

export type StatePoint =
  { latest: true } | { version: number } | { at: Date; time: 'recorded' | 'occurred' };

export type StateAt = {
  streamId: string;
  version: number;
  at: string | null;
  state: unknown;
  fromSnapshot: boolean;
};

/**
 * The state of a stream of a known aggregate type now, at a version, or at a point in recorded
 * (system) or occurred (business) time, built from the newest usable snapshot. At an occurred
 * time the state holds exactly the events that had occurred by then, in version order, even
 * when a later version records something that occurred earlier (an import of older data).
 */
export async function stateAt(
  { store, repository }: { store: EventStore; repository: Repository },
  { actor, streamId, point }: { actor: Actor; streamId: string; point: StatePoint },
): Promise<StateAt> {
  const aggregate = aggregateForStream(streamId);
  if (!aggregate) {
    throw unprocessable(
      `Streams of category ${categoryOf(streamId)} have no aggregate type to build a state from`,
    );
  }
  const stream = await store.getStream({ actor, streamId });
  let bounds: Bounds;
  if ('latest' in point) {
    bounds = {};
  } else if ('version' in point) {
    if (point.version > stream.version) {
      throw notFound(
        `Stream ${streamId} has no version ${point.version}; its version is ${stream.version}`,
      );
    }
    bounds = { upToVersion: point.version };
  } else if (point.time === 'recorded') {
    bounds = { upToVersion: await store.versionRecordedAt({ actor, streamId, at: point.at }) };
  } else {
    bounds = { occurredUpTo: point.at };
  }
  await assertNotExpired(store, streamId, point, bounds);
  const loaded = await repository.load(aggregate, streamId, { actor, ...bounds });
  return {
    streamId,
    version: loaded.version,
    at:
      'at' in point
        ? point.at.toISOString()
        : await recordedAtOf(store, actor, streamId, loaded.version),
    state: loaded.version === 0 ? null : loaded.state,
    fromSnapshot: loaded.fromSnapshot,
  };
}

/**
 * A state at a point inside the expired part of a stream is refused: its events are gone from
 * every read. The current state still loads (from a snapshot at or after the expired part).
 */
async function assertNotExpired(
  store: EventStore,
  streamId: string,
  point: StatePoint,
  bounds: Bounds,
) {
  if ('latest' in point) return;
  const through = await expiredThrough(store.context.sql, streamId);
  if (through === 0) return;
  const version =
    bounds.upToVersion ??
    (await store.versionOccurredBy({ actor: systemActor, streamId, at: bounds.occurredUpTo! }));
  if (version >= 1 && version <= through) {
    throw notFound(
      `Versions 1–${through} of stream ${streamId} have expired under its retention rule; the earliest state available is at version ${through + 1}`,
    );
  }
}

async function recordedAtOf(store: EventStore, actor: Actor, streamId: string, version: number) {
  if (version === 0) return null;
  const [event] = await store.readForFold({
    actor,
    streamId,
    afterVersion: version - 1,
    upToVersion: version,
  });
  return event?.recordedAt ?? null;
}
