import { systemActor } from '../actor';
import type { StoreContext, Queryable } from '../event-store/context';
import { readAll } from '../event-store/read-all';
import type { RecordedEvent } from '../event-store/types';
import { messageOf, parkedStreams, recordFailure } from './failures';
import { tryLockProjection } from './lock';
import { liveTables, type Projection, type Tables } from './projection';

export type StepOutcome =
  | { outcome: 'busy' | 'stopped' | 'idle'; position: number }
  | { outcome: 'advanced'; position: number; applied: RecordedEvent[]; more: boolean };

export type StepOptions = {
  batchSize?: number;
  /** Backoff before the n-th retry of a failing batch, in ms. */
  backoffMs?: (attempt: number) => number;
};

const defaultBackoff = (attempt: number) => Math.min(5_000, 100 * 2 ** (attempt - 1));

/**
 * Applies the next batch of an async projection's events and moves its checkpoint in the same
 * transaction, under the projection's lock: a crash anywhere leaves the read model and the
 * checkpoint together, and two runners never apply the same event. A failing batch is retried
 * with backoff; then each of its events is tried alone (a savepoint each), and the one that
 * fails is recorded and handled by the projection's policy: `stop` halts the projection before
 * it; `park` holds back that stream's later events while other streams go on.
 */
export async function step(
  ctx: StoreContext,
  projection: Projection,
  { batchSize = 1000, backoffMs = defaultBackoff }: StepOptions = {},
): Promise<StepOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.$client.begin((sql) =>
        stepIn({ ...ctx, sql, inTransaction: true }, projection, {
          batchSize,
          isolate: attempt > projection.maxAttempts,
        }),
      );
    } catch (error) {
      if (attempt > projection.maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}

async function stepIn(
  ctx: StoreContext,
  projection: Projection,
  { batchSize, isolate }: { batchSize: number; isolate: boolean },
): Promise<StepOutcome> {
  const { sql } = ctx;
  const { name } = projection;
  if (!(await tryLockProjection(sql, name))) return { outcome: 'busy', position: -1 };
  const checkpoint = await checkpointOf(sql, name);
  const from = checkpoint.position;
  if (checkpoint.status !== 'running') return { outcome: 'stopped', position: from };
  const page = await readAll(ctx, {
    actor: systemActor,
    after: from,
    limit: batchSize,
    categories: projection.categories,
  });
  // The horizon moves on with every transaction: with nothing new, the checkpoint stays put.
  if (!page.events.length) return { outcome: 'idle', position: from };
  const parked = await parkedStreams(sql, name);
  const applied = isolate
    ? await applyOneByOne(sql, projection, page.events, parked)
    : await applyBatch(sql, projection, page.events, parked);
  const position = applied.stoppedBefore ?? page.lastPosition;
  const status = applied.stoppedBefore === undefined ? 'running' : 'stopped';
  const moved = await sql`
    update projections set position = ${position}, status = ${status},
      last_error = coalesce(${applied.error ?? null}, last_error), updated_at = now()
    where name = ${name} and position = ${from}`;
  if (moved.count !== 1) throw new Error(`The checkpoint of ${name} moved under its lock`);
  return {
    outcome: 'advanced',
    position,
    applied: applied.events,
    more: applied.stoppedBefore === undefined && page.events.length === batchSize,
  };
}

type Checkpoint = { position: number; status: string };

/**
 * The projection's checkpoint, made at its first step. Read, not upserted: a step that finds
 * nothing new then writes nothing, so its commit needs no WAL flush and leaves no dead row.
 */
async function checkpointOf(sql: Queryable, name: string): Promise<Checkpoint> {
  const read = () =>
    sql<Checkpoint[]>`select position, status from projections where name = ${name}`;
  const [found] = await read();
  if (found) return found;
  await sql`insert into projections (name) values (${name}) on conflict (name) do nothing`;
  const [made] = await read();
  if (!made) throw new Error(`No checkpoint row for ${name}`);
  return made;
}

type Applied = { events: RecordedEvent[]; error?: string; stoppedBefore?: number };

async function applyBatch(
  sql: Queryable,
  projection: Projection,
  events: RecordedEvent[],
  parked: Set<string>,
): Promise<Applied> {
  const live = events.filter((event) => !parked.has(event.streamId));
  await projection.apply(sql, live, liveTables(projection));
  await park(sql, projection, events, parked);
  return { events: live };
}

async function park(
  sql: Queryable,
  projection: Projection,
  events: RecordedEvent[],
  parked: Set<string>,
) {
  for (const event of events) {
    if (!parked.has(event.streamId)) continue;
    await recordFailure(sql, projection.name, event, {
      status: 'parked',
      error: null,
      attempts: 0,
    });
  }
}

async function applyOneByOne(
  sql: Queryable,
  projection: Projection,
  events: RecordedEvent[],
  parked: Set<string>,
): Promise<Applied> {
  const tables: Tables = liveTables(projection);
  const applied: RecordedEvent[] = [];
  let error: string | undefined;
  for (const event of events) {
    if (parked.has(event.streamId)) {
      await park(sql, projection, [event], parked);
      continue;
    }
    try {
      await sql.savepoint((sp) => projection.apply(sp, [event], tables));
      applied.push(event);
    } catch (failure) {
      error = `${event.streamId}@${event.version} (${event.type}, position ${event.position}): ${messageOf(failure)}`;
      await recordFailure(sql, projection.name, event, {
        status: 'failed',
        error: messageOf(failure),
        attempts: projection.maxAttempts,
      });
      if (projection.policy === 'stop') {
        return { events: applied, error, stoppedBefore: event.position - 1 };
      }
      parked.add(event.streamId);
    }
  }
  return { events: applied, ...(error === undefined ? {} : { error }) };
}
