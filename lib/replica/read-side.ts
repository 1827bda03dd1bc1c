import type postgres from 'postgres';
import type { Database } from '@/db/client';
import type { Actor } from '../actor';
import { createAggregateCache } from '../aggregates/cache';
import { createRepository } from '../aggregates/repository';
import type { Chronicle } from '../chronicle';
import { createEventStore, type EventStore } from '../event-store';
import { isDatabaseUnavailable } from '../database-unavailable';
import { stateAt, type StatePoint } from '../temporal/state-at';
import type { ReadRouting, ReplicaStatus } from './read-routing';

/** Where a heavy read runs: the replica when one may serve this caller, else the primary. */
export type ReadSide = {
  store: EventStore;
  stateAt: Chronicle['stateAt'];
  /** Where an evidence file reads its events after taking its digest on the primary. */
  evidenceSource: () => Promise<postgres.Sql>;
  source: 'primary' | 'replica';
};

export type ReadSides = {
  forActor: (actor: Actor) => Promise<ReadSide>;
  noteWrite: (actor: Actor) => void;
  status: () => Promise<ReplicaStatus>;
};

/**
 * The store operations a replica may answer. `subscribe` (it tails `$all`), `append` and
 * `transact` always use the primary, whoever calls them through a read side.
 */
const REPLICA_READS = [
  'readStream',
  'readAll',
  'readAllBackward',
  'countAll',
  'getEvent',
  'readCorrelation',
  'readCausation',
  'readForFold',
  'versionRecordedAt',
  'versionOccurredBy',
  'getStream',
  'listStreams',
  'verifyStream',
  'stats',
] as const satisfies readonly (keyof EventStore)[];

/** How long an evidence file waits for the replica to replay its digest before reading the primary. */
const EVIDENCE_WAIT_MS = 2000;

/** A standby cancels a query that conflicts with replay (40001, 40P01); the primary will not. */
const replicaTrouble = (error: unknown) =>
  isDatabaseUnavailable(error) ||
  (typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === '40001' || error.code === '40P01'));

export const primaryOnly = (chronicle: Chronicle): ReadSides => {
  const primaryPool = chronicle.store.context.db.$client;
  const side: ReadSide = {
    store: chronicle.store,
    stateAt: chronicle.stateAt,
    evidenceSource: () => Promise.resolve(primaryPool),
    source: 'primary',
  };
  return {
    forActor: () => Promise.resolve(side),
    noteWrite: () => {},
    status: () => Promise.resolve({ configured: false }),
  };
};

/**
 * Read sides over a streaming replica. Its store shares the primary's event type registry and
 * the data subjects' keys (which the primary serves, so an erasure is in force on the replica's
 * reads at once, before the replica has replayed it). Its repository has no aggregate cache:
 * states there are at most as new as the replica, and must never stand in for the primary's.
 * A read the replica fails for want of a connection, or cancels for a replay conflict, is
 * answered by the primary.
 */
export function replicaReads({
  chronicle,
  replicaDb,
  routing,
  snapshotEvery,
}: {
  chronicle: Chronicle;
  replicaDb: Database;
  routing: ReadRouting;
  snapshotEvery: number;
}): ReadSides {
  const primary = chronicle.store;
  const { registry, maxClockSkewMs, subjectKeys } = primary.context;
  const replica = createEventStore({ db: replicaDb, registry, maxClockSkewMs, subjectKeys });

  async function attempt<R>(onReplica: () => Promise<R>, onPrimary: () => Promise<R>) {
    try {
      return await onReplica();
    } catch (error) {
      if (!replicaTrouble(error)) throw error;
      routing.noteFailure(error);
      return onPrimary();
    }
  }

  const routed = Object.fromEntries(
    REPLICA_READS.map((name) => {
      const run = (store: EventStore, params: never) =>
        (store[name] as (p: never) => Promise<unknown>)(params);
      return [
        name,
        (params: never) =>
          attempt(
            () => run(replica, params),
            () => run(primary, params),
          ),
      ];
    }),
  );
  const store = { ...primary, ...routed, context: replica.context } as EventStore;
  const repository = createRepository({
    store,
    cache: createAggregateCache({ maxBytes: 0, ttlMs: 1 }),
    snapshotEvery,
  });
  const side: ReadSide = {
    store,
    stateAt: (params: { actor: Actor; streamId: string; point: StatePoint }) =>
      attempt(
        () => stateAt({ store, repository }, params),
        () => chronicle.stateAt(params),
      ),
    // The digest was just taken on the primary: the replica must hold every event it covers.
    evidenceSource: async () =>
      (await routing.caughtUp(EVIDENCE_WAIT_MS)) ? replicaDb.$client : primary.context.db.$client,
    source: 'replica',
  };
  const primarySide = primaryOnly(chronicle);
  return {
    forActor: async (actor) =>
      (await routing.useReplica(actor)) ? side : primarySide.forActor(actor),
    noteWrite: routing.noteWrite,
    status: routing.status,
  };
}
