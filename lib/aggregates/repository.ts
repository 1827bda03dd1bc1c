import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor';
import { fold, type Aggregate, type DomainEvent } from '../domain/aggregate';
import { ChronicleError, concurrencyError } from '../errors';
import type { EventStore } from '../event-store';
import type { Queryable } from '../event-store/context';
import type { AppendResult, RecordedEvent } from '../event-store/types';
import { latestSnapshot, saveSnapshot } from '../snapshots/snapshot-store';
import type { AggregateCache } from './cache';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate, whatever its types
type AnyAggregate = Aggregate<any, any, any>;
type StateOf<A> = A extends { evolve: (state: infer S | null, event: never) => unknown }
  ? S
  : never;
type CommandOf<A> = A extends { decide: (command: infer C, state: never) => unknown } ? C : never;

export type Loaded<S> = { state: S | null; version: number; fromSnapshot: boolean };

/** Writes a read model in the transaction that appends the aggregate's events. */
export type InlineReadModel = (
  sql: Queryable,
  change: {
    streamId: string;
    version: number;
    state: unknown;
    events: DomainEvent[];
    /** Business time of the change: now, or the original time of imported history. */
    occurredAt: Date;
  },
) => Promise<void>;

export type ExecuteOptions = {
  actor: Actor;
  /** Given: a stale version is a 409. Absent: a lost race is retried with the newer state. */
  expectedVersion?: number;
  correlationId?: string;
  causationId?: string;
  /** Business time of the resulting events, for imports of older history. */
  occurredAt?: Date;
};

export type Executed<S> = AppendResult & {
  state: S;
  version: number;
  commandId: string;
  eventIds: string[];
};

export type Bounds = { upToVersion?: number; occurredUpTo?: Date };

const MAX_COMMAND_RETRIES = 5;

const toDomainEvent = (event: RecordedEvent): DomainEvent => ({
  type: event.type,
  data: event.data,
});

export function createRepository({
  store,
  cache,
  snapshotEvery,
  readModels = {},
  onBackgroundError = () => {},
}: {
  store: EventStore;
  cache: AggregateCache;
  snapshotEvery: number;
  readModels?: Record<string, InlineReadModel>;
  onBackgroundError?: (error: unknown) => void;
}) {
  const pending = new Set<Promise<void>>();
  const sql = store.context.sql;

  /** Latest state: cached state or newest snapshot, then every event after it. */
  async function load<A extends AnyAggregate>(
    aggregate: A,
    streamId: string,
    { actor, ...bounds }: { actor: Actor } & Bounds,
  ): Promise<Loaded<StateOf<A>>> {
    const current = bounds.upToVersion === undefined && bounds.occurredUpTo === undefined;
    const cached = current ? cache.get(streamId) : undefined;
    // At an occurred time, a snapshot is usable only below the first event that occurred later.
    const maxVersion = bounds.occurredUpTo
      ? await store.versionOccurredBy({ actor, streamId, at: bounds.occurredUpTo })
      : bounds.upToVersion;
    const base =
      cached ?? (await latestSnapshot<StateOf<A>>(sql, { streamId, kind: aggregate, maxVersion }));
    const fromSnapshot = cached ? cached.fromSnapshot : base !== null;
    const baseVersion = base?.version ?? 0;
    const events = await store.readForFold({
      actor,
      streamId,
      afterVersion: baseVersion,
      ...bounds,
    });
    const state = fold(
      aggregate.evolve,
      events.map(toDomainEvent),
      (base?.state as StateOf<A>) ?? null,
    ) as StateOf<A> | null;
    const version = events.at(-1)?.version ?? baseVersion;
    if (current && state !== null) cache.set(streamId, { version, state, fromSnapshot });
    return { state, version, fromSnapshot };
  }

  function snapshotLater(
    aggregate: AnyAggregate,
    streamId: string,
    version: number,
    state: unknown,
  ) {
    const work = saveSnapshot(sql, { streamId, version, kind: aggregate, state })
      .catch(onBackgroundError)
      .finally(() => pending.delete(work));
    pending.add(work);
  }

  /** Loads, decides, and appends at the loaded version, with the inline read model if any. */
  async function execute<A extends AnyAggregate>(
    aggregate: A,
    streamId: string,
    command: CommandOf<A>,
    options: ExecuteOptions,
  ): Promise<Executed<StateOf<A>>> {
    const commandId = randomUUID();
    const metadata = {
      correlationId: options.correlationId ?? commandId,
      causationId: options.causationId ?? commandId,
      commandId,
    };
    for (let attempt = 0; ; attempt++) {
      const loaded = await load(aggregate, streamId, { actor: options.actor });
      if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
        // Expecting a version of an aggregate that does not exist: the decider says why (404).
        if (loaded.state === null) aggregate.decide(command, null);
        throw concurrencyError(streamId, options.expectedVersion, loaded.version);
      }
      const decided: DomainEvent[] = aggregate.decide(command, loaded.state);
      const state = fold(aggregate.evolve, decided, loaded.state) as StateOf<A>;
      const eventIds = decided.map(() => randomUUID());
      const readModel = readModels[aggregate.type];
      try {
        const result = await store.transact(async (tx) => {
          const appended = await tx.append({
            actor: options.actor,
            streamId,
            expectedVersion: loaded.version,
            events: decided.map((event, i) => ({
              eventId: eventIds[i],
              type: event.type,
              data: event.data,
              metadata,
              occurredAt: options.occurredAt,
            })),
          });
          await readModel?.(tx.sql, {
            streamId,
            version: appended.toVersion,
            state,
            events: decided,
            occurredAt: options.occurredAt ?? new Date(),
          });
          return appended;
        });
        cache.set(streamId, {
          version: result.toVersion,
          state,
          fromSnapshot: loaded.fromSnapshot,
        });
        if (
          Math.floor(loaded.version / snapshotEvery) < Math.floor(result.toVersion / snapshotEvery)
        ) {
          snapshotLater(aggregate, streamId, result.toVersion, state);
        }
        return { ...result, state, version: result.toVersion, commandId, eventIds };
      } catch (error) {
        const lostRace = error instanceof ChronicleError && error.code === 'concurrency';
        if (!lostRace || options.expectedVersion !== undefined || attempt >= MAX_COMMAND_RETRIES)
          throw error;
      }
    }
  }

  return {
    load,
    execute,
    /** Waits for snapshots still being written (tests, shutdown). */
    flush: async () => {
      await Promise.all([...pending]);
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;
