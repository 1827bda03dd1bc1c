import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, operator, waitForHorizon, type TestDatabase } from '@/test/database';
import { catchUp, countedFromLog, eventStatsRows, seedEvents } from '@/test/projections';
import { createChronicle, type Chronicle } from '../chronicle';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import type { Queryable } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import { projectionCatalog } from './catalog';
import { eventStats } from './event-stats';
import { follow } from './follow';
import type { Projection, Tables } from './projection';
import { runReplay } from './replay-job';
import { watchReplay } from './replay-watch';
import { startWorker, type Worker } from './worker';
import type { ReplayView } from './views';

let t: TestDatabase;
let chronicle: Chronicle;
const worker = { workerId: 'test', lock: 1 };

/** A projection whose batches take a while: a replay of it can be watched and cancelled. */
const slowProbe: Projection = {
  name: 'slow-probe',
  version: 1,
  kind: 'async',
  description: 'test probe',
  categories: ['slowprobe'],
  tables: ['slow_probe_rows'],
  policy: 'stop',
  maxAttempts: 1,
  apply: async (sql: Queryable, events: readonly RecordedEvent[], tables: Tables) => {
    await new Promise((resolve) => setTimeout(resolve, 40));
    for (const event of events) {
      await sql`insert into ${sql(tables.slow_probe_rows!)} (position) values (${event.position})`;
    }
  },
};

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$client`create table slow_probe_rows (position bigint primary key)`;
  chronicle = createChronicle({ db: t.db, projections: [...projectionCatalog, slowProbe] });
});

const fields = { title: 'Rebuilt', question: 'Does it survive?', methodology: { n: 1 } };

async function newWorkflow() {
  const { workflowId } = await chronicle.research.createWorkflow({ actor: operator, ...fields });
  await chronicle.research.runWorkflowCommand({
    actor: operator,
    workflowId,
    command: { command: 'start' },
  });
  for (const title of ['a', 'b']) {
    await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'addStep', title, stepId: `step-${title}` },
    });
  }
  return workflowId;
}

/** Writers that keep appending until stopped. */
function writers(count: number, work: () => Promise<unknown>) {
  let running = true;
  const loops = Array.from({ length: count }, async () => {
    let done = 0;
    while (running) {
      await work();
      done++;
    }
    return done;
  });
  return async () => {
    running = false;
    return (await Promise.all(loops)).reduce((a, b) => a + b, 0);
  };
}

/** Polls a read-model table while a swap may happen; returns the smallest and the counts seen. */
function poll(query: () => Promise<number>) {
  let running = true;
  const seen: number[] = [];
  const loop = (async () => {
    while (running) seen.push(await query());
  })();
  return async () => {
    running = false;
    await loop;
    return seen;
  };
}

const isIncreasing = (values: number[]) => values.every((v, i) => i === 0 || v >= values[i - 1]!);

async function rows<T>(query: Promise<T[]>) {
  return (await query).map((row) => ({ ...row }));
}

const summaries = () =>
  rows(
    t.db.$client`
      select workflow_id::text, title, status, version, steps_total, steps_completed, state,
        created_at, updated_at
      from workflow_summaries order by workflow_id`,
  );

describe('a full rebuild', () => {
  it('of an inline projection while writers append: swapped in whole, no write lost', async () => {
    for (let i = 0; i < 20; i++) await newWorkflow();
    const before = (await summaries()).length;
    const stopWriters = writers(3, newWorkflow);
    const stopPolling = poll(async () => {
      const [row] = await t.db.$client<{ n: number }[]>`
        select count(*)::int as n from workflow_summaries`;
      return row!.n;
    });
    const replay = await chronicle.replays.start({
      actor: operator,
      projection: 'workflow-summary',
      mode: 'full',
    });
    await runReplay(t.store.context, chronicle.projectionCatalog, replay.replayId, worker, {
      batchSize: 25,
    });
    const written = await stopWriters();
    const seen = await stopPolling();
    expect(written).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(before);
    expect(isIncreasing(seen)).toBe(true);

    const done = await chronicle.replays.get({ actor: operator, replayId: replay.replayId });
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.processed).toBe(done.total);

    // Every workflow's row is its stream folded: nothing the writers did was lost.
    const table = await summaries();
    const streams = await t.db.$client<{ stream_id: string }[]>`
      select stream_id from streams where category = 'workflow'`;
    expect(table.length).toBe(streams.length);
    for (const { stream_id } of streams) {
      const loaded = await chronicle.repository.load(workflowAggregate, stream_id, {
        actor: operator,
      });
      const row = table.find((r) => workflowStreamId(r.workflow_id as string) === stream_id);
      expect(row).toMatchObject({ version: loaded.version, state: loaded.state });
    }
    // The live table kept its index names, and a quiet rebuild gives the same rows.
    const indexes = await t.db.$client`
      select indexname from pg_indexes where tablename = 'workflow_summaries' order by 1`;
    expect(indexes.map((i) => i.indexname as string)).toEqual([
      'workflow_summaries_pkey',
      'workflow_summaries_status_updated_idx',
      'workflow_summaries_updated_idx',
    ]);
    const again = await chronicle.replays.start({
      actor: operator,
      projection: 'workflow-summary',
      mode: 'full',
    });
    await runReplay(t.store.context, chronicle.projectionCatalog, again.replayId, worker);
    expect(await summaries()).toEqual(table);
  });

  it('of an async projection while writers append and its runner follows', async () => {
    await seedEvents(t.store, { category: 'metric', streams: 5, count: 3_000 });
    const stop = new AbortController();
    const runner = follow(t.store.context, eventStats, { signal: stop.signal, pollMs: 50 });
    let n = 0;
    const stopWriters = writers(2, () =>
      t.store.append({
        actor: operator,
        streamId: `metric-live${n++ % 4}`,
        events: [{ type: 'Measured', data: { n } }],
      }),
    );
    const stopPolling = poll(async () => {
      const [row] = await t.db.$client<{ n: number }[]>`
        select coalesce(sum(events), 0)::int as n from event_stats_hourly`;
      return row!.n;
    });
    const replay = await chronicle.replays.start({
      actor: operator,
      projection: 'event-stats',
      mode: 'full',
    });
    await runReplay(t.store.context, chronicle.projectionCatalog, replay.replayId, worker, {
      batchSize: 200,
    });
    await stopWriters();
    const seen = await stopPolling();
    expect(isIncreasing(seen)).toBe(true);
    const { positions } = await t.store.append({
      actor: operator,
      streamId: 'metric-last',
      events: [{ type: 'Measured', data: {} }],
    });
    await waitForHorizon(t.store, positions[0]!);
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.$client<{ position: number }[]>`
        select position from projections where name = 'event-stats'`;
      if (row!.position >= positions[0]!) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stop.abort();
    await runner;
    await catchUp(t.store, eventStats);
    expect(await eventStatsRows(t.db.$client)).toEqual(await countedFromLog(t.db.$client));
    expect(
      await chronicle.replays.get({ actor: operator, replayId: replay.replayId }),
    ).toMatchObject({ status: 'succeeded' });
  });
});

describe('replays', () => {
  let running: Worker;
  beforeAll(async () => {
    running = await startWorker({
      ctx: t.store.context,
      databaseUrl: t.url,
      projections: chronicle.projectionCatalog,
      runProjections: false,
      replay: { batchSize: 20, notifyEveryMs: 0 },
      log: { info: () => {}, error: () => {} },
    });
    await seedEvents(t.store, { category: 'slowprobe', streams: 2, count: 400 });
  });
  afterAll(async () => {
    await running.stop();
  });

  async function watch(replayId: string) {
    const frames: ReplayView[] = [];
    await watchReplay(t.db.$client, replayId, {
      signal: AbortSignal.timeout(60_000),
      onChange: (view) => frames.push(view),
    });
    return frames;
  }

  it('run on the worker, with progress frames until a final status', async () => {
    const replay = await chronicle.replays.start({
      actor: operator,
      projection: 'slow-probe',
      mode: 'full',
    });
    const frames = await watch(replay.replayId);
    expect(frames.length).toBeGreaterThan(3);
    const last = frames.at(-1)!;
    expect(last).toMatchObject({
      status: 'succeeded',
      processed: last.total,
      launchedBy: 'token:test-operator',
    });
    expect(last.total).toBeGreaterThanOrEqual(400);
    expect(
      frames.some((f) => f.status === 'running' && f.processed > 0 && f.processed < last.total),
    ).toBe(true);
    // A watcher that comes late gets the current state at once.
    const late = await watch(replay.replayId);
    expect(late).toEqual([last]);
    const [row] = await t.db.$client<
      { n: number }[]
    >`select count(*)::int as n from slow_probe_rows`;
    expect(row!.n).toBe(last.total);
  });

  it('are cancelled while running, leaving the live model as it was', async () => {
    const [before] = await t.db.$client<
      { n: number }[]
    >`select count(*)::int as n from slow_probe_rows`;
    const replay = await chronicle.replays.start({
      actor: operator,
      projection: 'slow-probe',
      mode: 'full',
    });
    const frames: ReplayView[] = [];
    await watchReplay(t.db.$client, replay.replayId, {
      signal: AbortSignal.timeout(60_000),
      onChange: (view) => {
        frames.push(view);
        if (view.processed > 0 && !view.cancelRequested) {
          void chronicle.replays.cancel({ actor: operator, replayId: replay.replayId });
        }
      },
    });
    expect(frames.at(-1)).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(frames.at(-1)!.processed).toBeLessThan(frames.at(-1)!.total);
    const [after] = await t.db.$client<
      { n: number }[]
    >`select count(*)::int as n from slow_probe_rows`;
    expect(after!.n).toBe(before!.n);
    const shadows = await t.db
      .$client`select 1 from pg_tables where tablename = 'slow_probe_rows__rebuild'`;
    expect(shadows.length).toBe(0);
    await expect(
      chronicle.replays.cancel({ actor: operator, replayId: replay.replayId }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('one at a time per projection; incremental only for async ones; unknown ids are 404', async () => {
    const first = await chronicle.replays.start({
      actor: operator,
      projection: 'slow-probe',
      mode: 'full',
    });
    await expect(
      chronicle.replays.start({ actor: operator, projection: 'slow-probe', mode: 'incremental' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await chronicle.replays.cancel({ actor: operator, replayId: first.replayId });
    await expect(
      chronicle.replays.start({
        actor: operator,
        projection: 'workflow-summary',
        mode: 'incremental',
      }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(
      chronicle.replays.start({ actor: operator, projection: 'nope', mode: 'full' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      chronicle.replays.get({ actor: operator, replayId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      chronicle.replays.start({
        actor: { id: 'a', role: 'auditor', via: 'token' },
        projection: 'slow-probe',
        mode: 'full',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('incremental: resumes an async projection from its checkpoint to the head', async () => {
    const replay = await chronicle.replays.start({
      actor: operator,
      projection: 'event-stats',
      mode: 'incremental',
    });
    const frames = await watch(replay.replayId);
    expect(frames.at(-1)).toMatchObject({ status: 'succeeded' });
    expect(frames.at(-1)!.processed).toBe(frames.at(-1)!.total);
    await catchUp(t.store, eventStats);
    expect(await eventStatsRows(t.db.$client)).toEqual(await countedFromLog(t.db.$client));
  });
});
