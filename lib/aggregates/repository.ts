import { randomUUID } from 'node:crypto';
import { assertRole, type Actor } from '../actor';
import { fold, type Aggregate, type DomainEvent } from '../domain/aggregate';
import { ChronicleError, concurrencyError } from '../errors';
import type { EventStore, Transaction } from '../event-store';
import type { Queryable } from '../event-store/context';
import { categoryOf } from '../event-store/stream-id';
import type {
  AppendResult,
  ExpectedVersion,
  OutboxEvent,
  NewEvent,
  RecordedEvent,
} from '../event-store/types';
import { foldHistory, refusedAppend, unfoldable } from './fold-history';
import type { InlineChange } from '../projections/projection';
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
export type InlineReadModel = (sql: Queryable, change: InlineChange) => Promise<void>;

export type ExecuteOptions = {
  actor: Actor;
  /** Given: a stale version is a 409. Absent: a lost race is retried with the newer state. */
  expectedVersion?: number;
  correlationId?: string;
  causationId?: string;
  /** Business time of the resulting events, for imports of older history. */
  occurredAt?: Date;
  /** The audit event of the act: written in the same transaction as its events. */
  audit?: OutboxEvent;
};

export type Executed<S> = AppendResult & {
  state: S;
  version: number;
  commandId: string;
  eventIds: string[];
};

/** Decided events, folded onto the state they were decided on, not yet written (see `plan`). */
export type Planned<S> = {
  aggregate: AnyAggregate;
  streamId: string;
  options: ExecuteOptions;
  commandId: string;
  loaded: Loaded<S>;
  decided: DomainEvent[];
  /** The decided events as appended: with ids, metadata and business time. */
  events: NewEvent[];
  state: S;
  eventIds: string[];
};

export type Bounds = { upToVersion?: number; occurredUpTo?: Date };

export type AppendToAggregate = {
  actor: Actor;
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
  audit?: OutboxEvent;
};

const MAX_COMMAND_RETRIES = 10;

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
    const folded = foldHistory(
      aggregate,
      streamId,
      { state: base?.state ?? null, fromVersion: baseVersion },
      events.map(toDomainEvent),
    );
    if ('refusal' in folded) throw unfoldable(aggregate, streamId, folded.refusal);
    const state = folded.state as StateOf<A> | null;
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

  /** Loads the aggregate and decides: what a command would write, not yet written. */
  async function plan<A extends AnyAggregate>(
    aggregate: A,
    streamId: string,
    command: CommandOf<A>,
    options: ExecuteOptions,
  ): Promise<Planned<StateOf<A>>> {
    const commandId = randomUUID();
    const loaded = await load(aggregate, streamId, { actor: options.actor });
    if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
      // Expecting a version of an aggregate that does not exist: the decider says why (404).
      if (loaded.state === null) aggregate.decide(command, null);
      throw concurrencyError(streamId, options.expectedVersion, loaded.version);
    }
    const decided: DomainEvent[] = aggregate.decide(command, loaded.state);
    const eventIds = decided.map(() => randomUUID());
    const metadata = {
      correlationId: options.correlationId ?? commandId,
      causationId: options.causationId ?? commandId,
      commandId,
    };
    return {
      aggregate,
      streamId,
      options,
      commandId,
      loaded,
      decided,
      events: decided.map((event, i) => ({
        eventId: eventIds[i],
        type: event.type,
        data: event.data,
        metadata,
        occurredAt: options.occurredAt,
      })),
      state: fold(aggregate.evolve, decided, loaded.state) as StateOf<A>,
      eventIds,
    };
  }

  /**
   * Plans an append of given events (an import of older history, or a client of the streams
   * API) to an aggregate's stream: validated against their schemas, then folded onto the
   * aggregate's state, which must accept every one of them.
   */
  async function planAppend<A extends AnyAggregate>(
    aggregate: A,
    { actor, streamId, events, expectedVersion = 'any', audit }: AppendToAggregate,
  ): Promise<Planned<StateOf<A>>> {
    const loaded = await load(aggregate, streamId, { actor });
    const exact = expectedVersion === 'no_stream' ? 0 : expectedVersion;
    if (
      (typeof exact === 'number' && exact !== loaded.version) ||
      (exact === 'stream_exists' && loaded.version === 0)
    ) {
      throw concurrencyError(streamId, expectedVersion, loaded.version);
    }
    const category = categoryOf(streamId);
    const decided = events.map((event) => ({
      type: event.type,
      data: store.context.registry.prepare(category, event.type, event.data).data,
    }));
    const folded = foldHistory(
      aggregate,
      streamId,
      { state: loaded.state, fromVersion: loaded.version },
      decided,
    );
    if ('refusal' in folded) {
      const { refusal } = folded;
      throw refusedAppend(aggregate, streamId, refusal, refusal.version - loaded.version - 1);
    }
    const eventIds = events.map((event) => event.eventId ?? randomUUID());
    return {
      aggregate,
      streamId,
      options: { actor, expectedVersion: typeof exact === 'number' ? exact : undefined, audit },
      commandId: randomUUID(),
      loaded,
      decided,
      events: events.map((event, i) => ({ ...event, eventId: eventIds[i] })),
      state: folded.state as StateOf<A>,
      eventIds,
    };
  }

  async function write(
    tx: Transaction,
    planned: Planned<unknown>,
    audit: OutboxEvent | undefined,
  ): Promise<AppendResult> {
    const { aggregate, streamId, options, loaded, events, state } = planned;
    const appended = await tx.append({
      actor: options.actor,
      streamId,
      expectedVersion: loaded.version,
      events,
      folded: true,
      audit,
    });
    await readModels[aggregate.type]?.(tx.sql, {
      streamId,
      fromVersion: appended.fromVersion,
      version: appended.toVersion,
      state,
    });
    return appended;
  }

  function settle(planned: Planned<unknown>, result: AppendResult) {
    const { aggregate, streamId, loaded, state } = planned;
    cache.set(streamId, { version: result.toVersion, state, fromSnapshot: loaded.fromSnapshot });
    if (Math.floor(loaded.version / snapshotEvery) < Math.floor(result.toVersion / snapshotEvery)) {
      snapshotLater(aggregate, streamId, result.toVersion, state);
    }
  }

  /**
   * Plans one or more commands (`plan` may build later commands from earlier plans, e.g. an
   * agent's record of a workflow step) and writes all their events, with their inline read
   * models, in one transaction: all or nothing. A race lost on a stream whose caller gave no
   * expected version is planned again from the newer state; otherwise it is a 409.
   */
  async function executeTogether(
    planAll: () => Promise<Planned<unknown>[]>,
  ): Promise<Executed<unknown>[]> {
    for (let attempt = 0; ; attempt++) {
      const plans = await planAll();
      try {
        const results = await store.transact(async (tx) => {
          const written: AppendResult[] = [];
          // One act, one audit event: the first plan's, with the first append.
          for (const [i, planned] of plans.entries()) {
            written.push(await write(tx, planned, i === 0 ? planned.options.audit : undefined));
          }
          return written;
        });
        return plans.map((planned, i) => {
          const result = results[i]!;
          settle(planned, result);
          const { state, commandId, eventIds } = planned;
          return { ...result, state, version: result.toVersion, commandId, eventIds };
        });
      } catch (error) {
        const raced = plans.find(
          (planned) =>
            error instanceof ChronicleError &&
            error.code === 'concurrency' &&
            error.details.streamId === planned.streamId,
        );
        if (
          !raced ||
          raced.options.expectedVersion !== undefined ||
          attempt >= MAX_COMMAND_RETRIES
        ) {
          throw error;
        }
        // Spread the contenders for a busy stream (an agent shared by many workflows).
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(50, 5 * 2 ** attempt)),
        );
      }
    }
  }

  /** Loads, decides, and appends at the loaded version, with the inline read model if any. */
  async function execute<A extends AnyAggregate>(
    aggregate: A,
    streamId: string,
    command: CommandOf<A>,
    options: ExecuteOptions,
  ): Promise<Executed<StateOf<A>>> {
    const [executed] = await executeTogether(async () => [
      await plan(aggregate, streamId, command, options),
    ]);
    return executed as Executed<StateOf<A>>;
  }

  /**
   * Appends given events to an aggregate's stream once its history accepts them, with the
   * inline read model. A retry of an append already written returns its original result.
   */
  async function append(aggregate: AnyAggregate, params: AppendToAggregate) {
    assertRole(params.actor, 'operator');
    try {
      const [executed] = await executeTogether(async () => [await planAppend(aggregate, params)]);
      const { streamId, fromVersion, toVersion, positions } = executed!;
      return { streamId, fromVersion, toVersion, positions };
    } catch (error) {
      if (!(error instanceof ChronicleError) || !params.events[0]?.eventId) throw error;
      const original = await store.findRetry(params);
      if (original) return original;
      throw error;
    }
  }

  return {
    load,
    plan,
    execute,
    executeTogether,
    append,
    /** Forgets the cached states of streams whose events were removed. */
    forget: (streamIds: readonly string[]) =>
      streamIds.forEach((streamId) => cache.forget(streamId)),
    /** Waits for snapshots still being written (tests, shutdown). */
    flush: async () => {
      await Promise.all([...pending]);
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;
