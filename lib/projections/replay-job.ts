import { systemActor } from '../actor';
import type { StoreContext, Queryable } from '../event-store/context';
import { HORIZON, readAll } from '../event-store/read-all';
import { openRows } from '../event-store/open-rows';
import { EVENT_COLUMNS, type EventRow } from '../event-store/rows';
import { visibleEventSql } from '../retention/visible';
import type { RecordedEvent } from '../event-store/types';
import { messageOf } from './failures';
import { lockProjection } from './lock';
import { shadowTables, type Projection, type Tables } from './projection';
import { notifyReplay, type ReplayRow } from './replay-rows';
import { step } from './runner';
import { createShadows, dropShadows, swapInShadows } from './shadow';

export type ReplayWorker = { workerId: string; lock: number };

export type ReplayOptions = {
  batchSize?: number;
  /** Least time between two progress notifications of a replay. */
  notifyEveryMs?: number;
};

type Run = {
  ctx: StoreContext;
  projection: Projection;
  replay: ReplayRow;
  batchSize: number;
  notifyEveryMs: number;
  /** Processed and time at the start of this run, for its rate. */
  startedWith: number;
  startedAt: number;
  lastNotify: number;
};

class Cancelled extends Error {}

/**
 * Runs a replay on a worker of the queue; run again after a crash, it goes on from where its
 * last committed batch left it. A full rebuild fills shadow tables batch by batch (each batch
 * and the replay's progress commit together), then catches up to the head and swaps them in.
 * An incremental replay drives the async projection's own runner from its checkpoint.
 */
export async function runReplay(
  ctx: StoreContext,
  projections: readonly Projection[],
  replayId: string,
  worker: ReplayWorker,
  { batchSize = 1000, notifyEveryMs = 250 }: ReplayOptions = {},
): Promise<void> {
  const sql = ctx.sql;
  const [replay] = await sql<ReplayRow[]>`
    update replays set status = 'running', started_at = coalesce(started_at, now()),
      worker_id = ${worker.workerId}, worker_lock = ${worker.lock}
    where id = ${replayId} and status in ('queued', 'running')
    returning *`;
  if (!replay) return;
  await notifyReplay(sql, replayId);
  const projection = projections.find((p) => p.name === replay.projection);
  const run: Run = {
    ctx,
    projection: projection!,
    replay,
    batchSize,
    notifyEveryMs,
    startedWith: replay.processed,
    startedAt: performance.now(),
    lastNotify: 0,
  };
  try {
    if (!projection) throw new Error(`Projection ${replay.projection} no longer exists`);
    if (replay.cancel_requested) throw new Cancelled();
    if (replay.mode === 'full') await rebuild(run);
    else await resume(run);
  } catch (error) {
    const cancelled = error instanceof Cancelled;
    await ctx.db.$client.begin(async (tx) => {
      if (projection && replay.mode === 'full') await dropShadows(tx, projection);
      await tx`
        update replays set status = ${cancelled ? 'cancelled' : 'failed'},
          error = ${cancelled ? null : messageOf(error)}, eta_seconds = null, finished_at = now()
        where id = ${replayId}`;
      await notifyReplay(tx, replayId);
    });
  }
}

async function rebuild(run: Run) {
  const { ctx, projection, replay } = run;
  const tables = shadowTables(projection);
  let position = replay.position;
  if (position === null) {
    position = await ctx.db.$client.begin(async (tx) => {
      await createShadows(tx, projection);
      const [counted] = await tx<{ total: number }[]>`
        select count(e.global_position)::bigint as total
        from (select ${tx.unsafe(HORIZON)} as horizon) h
        left join events e on e.global_position < h.horizon ${categoryFilter(tx, projection)}`;
      await tx`update replays set position = 0, total = ${counted!.total} where id = ${replay.id}`;
      return 0;
    });
  }
  // The next page is read while this one is applied: events below the horizon never change,
  // and the batch's transaction moves the replay's position from where this page began.
  const readPage = (after: number) =>
    readAll(ctx, {
      actor: systemActor,
      after,
      limit: run.batchSize,
      categories: projection.categories,
    });
  let next = readPage(position);
  for (;;) {
    const page = await next;
    const full = page.events.length === run.batchSize;
    if (full) {
      next = readPage(page.lastPosition);
      next.catch(() => {});
    }
    const from = position;
    await ctx.db.$client.begin(async (tx) => {
      await projection.apply(tx, page.events, tables);
      await progress(tx, run, { from, to: page.lastPosition, applied: page.events.length });
    });
    position = page.lastPosition;
    if (!full) break;
  }
  await ctx.db.$client.begin(async (tx) => {
    // Inline writers append and write the live table in one transaction: once the lock is ours,
    // every writer that wrote it has committed, and every later one will write the swapped-in
    // table. So the last catch-up reads every committed event, not only those below the horizon.
    // An async projection's runner is held off by the projection's lock instead.
    if (projection.kind === 'inline') {
      for (const table of projection.tables) {
        await tx`lock table ${tx(table)} in access exclusive mode`;
      }
    } else {
      await lockProjection(tx, projection.name);
    }
    const caughtUp = await catchUp(
      { ...ctx, sql: tx, inTransaction: true },
      run,
      tables,
      position!,
    );
    await swapInShadows(tx, projection);
    await tx`
      update projections set position = ${caughtUp}, status = 'running', last_error = null,
        rebuilt_at = now(), updated_at = now()
      where name = ${projection.name}`;
    await tx`delete from projection_failures where projection = ${projection.name}`;
    await tx`
      update replays set status = 'succeeded', total = processed, eta_seconds = 0,
        finished_at = now()
      where id = ${replay.id}`;
    await notifyReplay(tx, replay.id);
  });
}

/** Applies what was written since the shadow's position; returns the position reached. */
async function catchUp(ctx: StoreContext, run: Run, tables: Tables, from: number) {
  const { projection } = run;
  let position = from;
  for (;;) {
    const events =
      projection.kind === 'inline'
        ? await committedAfter(ctx, projection, position, run.batchSize)
        : (
            await readAll(ctx, {
              actor: systemActor,
              after: position,
              limit: run.batchSize,
              categories: projection.categories,
            })
          ).events;
    await projection.apply(ctx.sql, events, tables);
    const to = events.at(-1)?.position ?? position;
    await progress(ctx.sql, run, { from: position, to, applied: events.length, growTotal: true });
    position = to;
    if (events.length < run.batchSize) return position;
  }
}

async function committedAfter(
  ctx: StoreContext,
  projection: Projection,
  after: number,
  limit: number,
): Promise<RecordedEvent[]> {
  const rows = await ctx.sql<EventRow[]>`
    select ${ctx.sql.unsafe(EVENT_COLUMNS)} from events
    where global_position > ${after} ${categoryFilter(ctx.sql, projection)}
      and ${visibleEventSql(ctx.sql)}
    order by global_position limit ${limit}`;
  return openRows(ctx, rows);
}

/** Drives an async projection from its checkpoint to the head seen when the replay began. */
async function resume(run: Run) {
  const { ctx, projection, replay } = run;
  if (projection.kind !== 'async') throw new Error(`${projection.name} is inline: rebuild it`);
  const sql = ctx.sql;
  const [start] = await sql<{ position: number; horizon: number; total: number }[]>`
    select p.position, h.horizon,
      (select count(*) from events e where e.global_position > p.position
        and e.global_position < h.horizon ${categoryFilter(sql, projection)})::bigint as total
    from projections p, (select ${sql.unsafe(HORIZON)} as horizon) h
    where p.name = ${projection.name}`;
  if (replay.total === 0)
    await sql`update replays set total = ${start!.total} where id = ${replay.id}`;
  let position = start!.position;
  while (position < start!.horizon - 1) {
    const result = await step(ctx, projection, { batchSize: run.batchSize });
    if (result.outcome === 'stopped') {
      throw new Error(
        `${projection.name} is stopped at position ${result.position} by a failed event: retry or skip it first`,
      );
    }
    if (result.outcome === 'busy' || result.outcome === 'idle') {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [now] = await sql<{ position: number }[]>`
      select position from projections where name = ${projection.name}`;
    await progress(sql, run, { from: position, to: now!.position, applied: null });
    position = now!.position;
    if (result.outcome === 'idle') break;
  }
  await sql`
    update replays set status = 'succeeded', processed = total, eta_seconds = 0, finished_at = now()
    where id = ${replay.id}`;
  await notifyReplay(sql, replay.id);
}

/**
 * Records a batch's progress (with the batch, when the replay writes shadows), notifies at most
 * every `notifyEveryMs`, and stops the run when a cancel was asked for. `applied: null` counts
 * the events between the two positions (another runner may have applied some).
 */
async function progress(
  sql: Queryable,
  run: Run,
  {
    from,
    to,
    applied,
    growTotal = false,
  }: { from: number; to: number; applied: number | null; growTotal?: boolean },
) {
  const id = run.replay.id;
  const [row] = await sql<{ processed: number; total: number; cancel_requested: boolean }[]>`
    update replays set
      processed = processed + ${applied ?? sql`(select count(*) from events e where e.global_position > ${from} and e.global_position <= ${to} ${categoryFilter(sql, run.projection)})`},
      total = case when ${growTotal} then total + ${applied ?? 0} else total end,
      position = case when mode = 'full' then ${to}::bigint else position end
    where id = ${id} and (mode <> 'full' or position = ${from})
    returning processed, total, cancel_requested`;
  if (!row) throw new Error(`Replay ${id} was advanced by another worker`);
  if (row.cancel_requested) throw new Cancelled();
  const seconds = (performance.now() - run.startedAt) / 1000;
  const rate = seconds > 0 ? (row.processed - run.startedWith) / seconds : 0;
  const eta = rate > 0 ? Math.max(0, row.total - row.processed) / rate : null;
  await sql`update replays set events_per_second = ${rate}, eta_seconds = ${eta} where id = ${id}`;
  if (performance.now() - run.lastNotify >= run.notifyEveryMs) {
    run.lastNotify = performance.now();
    await notifyReplay(sql, id);
  }
}

const categoryFilter = (sql: Queryable, projection: Projection) =>
  projection.categories ? sql`and category = any(${projection.categories as string[]})` : sql``;
