import { spawn, type ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, operator, waitForHorizon, type TestDatabase } from '@/test/database';
import { countedFromLog, eventStatsRows, seedEvents } from '@/test/projections';
import { projectionCatalog } from './catalog';
import { createReplays } from './replays';

const EVENTS = 50_000;
const KILLS = 20;

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedEvents(t.store, { category: 'load', streams: 50, count: EVENTS });
  const [last] = await t.db.$client<{ p: number }[]>`select max(global_position) as p from events`;
  await waitForHorizon(t.store, last!.p);
}, 300_000);

/** `npm run worker` on the test database, replaying in small batches. */
function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      CHRONICLE_REPLAY_BATCH_SIZE: '250',
      CHRONICLE_WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
}

async function replayRow(id: string) {
  const [row] = await t.db.$client<{ status: string; processed: number; total: number }[]>`
    select status, processed, total from replays where id = ${id}`;
  return row!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function kill(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a replay whose worker is killed again and again', () => {
  it(`resumes each time and ends with the read model a clean rebuild gives (${KILLS} SIGKILLs, ${EVENTS} events)`, async () => {
    const replays = createReplays(t.db.$client, projectionCatalog);
    const { replayId } = await replays.start({
      actor: operator,
      projection: 'event-stats',
      mode: 'full',
    });
    let kills = 0;
    let lastProcessed = 0;
    while (kills < KILLS) {
      const child = startWorkerProcess();
      // Killed at a random moment once it has made progress: mid-batch, mid-commit or between.
      await waitUntil(async () => {
        const row = await replayRow(replayId);
        return row.processed > lastProcessed || row.status === 'succeeded';
      }, 'progress');
      await sleep(Math.random() * 60);
      await kill(child);
      kills++;
      const row = await replayRow(replayId);
      expect(row.status).toMatch(/running|succeeded/);
      if (row.status === 'succeeded') break;
      expect(row.processed).toBeGreaterThanOrEqual(lastProcessed);
      lastProcessed = row.processed;
    }
    expect(kills).toBe(KILLS);

    const child = startWorkerProcess();
    await waitUntil(async () => (await replayRow(replayId)).status === 'succeeded', 'the end');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;

    const done = await replays.get({ actor: operator, replayId });
    expect(done.processed).toBe(done.total);
    expect(done.total).toBeGreaterThanOrEqual(EVENTS);
    // Every event counted once: a batch applied twice or lost would show in the counts.
    expect(await eventStatsRows(t.db.$client)).toEqual(await countedFromLog(t.db.$client));
    const shadows = await t.db.$client`
      select 1 from pg_tables where tablename = 'event_stats_hourly__rebuild'`;
    expect(shadows.length).toBe(0);
  }, 600_000);
});
