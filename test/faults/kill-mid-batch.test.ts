import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, type TestDatabase } from '@/test/database';

const TRIALS = 200;
const CHILDREN_AT_ONCE = 3;
const BATCH_SIZE = 100;
/** The kill lands this long (at most) after the first acknowledged batch: mid-append. */
const MAX_KILL_DELAY_MS = 250;
const WRITER = path.resolve(import.meta.dirname, 'append-batches.ts');
// Bundled once, so that each of the 200 processes starts in a fraction of tsx's time; it stays
// in the checkout so that its imports of packages resolve to node_modules.
const BUNDLE = path.resolve(
  'node_modules/.cache/chronicle-faults',
  `append-batches-${process.pid}.mjs`,
);

let t: TestDatabase;
const streams = Array.from({ length: 6 }, () => `killed-${randomUUID()}`);

beforeAll(async () => {
  t = await createTestDatabase({ max: 4 });
  await build({
    entryPoints: [WRITER],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
});
afterAll(async () => {
  await t.db.$client.end();
  rmSync(BUNDLE, { force: true });
});

type Trial = { started: Set<string>; acknowledged: Set<string>; firstAckMs: number };

/** One writer process, killed with SIGKILL at a random moment once it is appending. */
function trial(): Promise<Trial> {
  const child = spawn(process.execPath, [BUNDLE, t.url, String(BATCH_SIZE), ...streams], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const spawned = performance.now();
  const result: Trial = { started: new Set(), acknowledged: new Set(), firstAckMs: 0 };
  return new Promise((resolve, reject) => {
    let killTimer: NodeJS.Timeout | undefined;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [word, batch] = line.split(' ');
      if (word === 'start' && batch) result.started.add(batch);
      if (word !== 'ack' || !batch) return;
      result.acknowledged.add(batch);
      result.firstAckMs ||= performance.now() - spawned;
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), Math.random() * MAX_KILL_DELAY_MS);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve(result);
      else reject(new Error(`the writer exited by itself (code ${code}, signal ${signal})`));
    });
  });
}

type BatchRow = { stream_id: string; batch: string; events: number; first: number; last: number };

describe('kill -9 of the writing process in the middle of batches', () => {
  it(`leaves every batch whole or absent, over ${TRIALS} kills`, { timeout: 900_000 }, async () => {
    const started = performance.now();
    const trials: Trial[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CHILDREN_AT_ONCE }, async () => {
        while (next < TRIALS) {
          next++;
          trials.push(await trial());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const rows = await t.db.$client<BatchRow[]>`
      select stream_id, metadata ->> 'batch' as batch, count(*)::int as events,
        min(stream_version)::int as first, max(stream_version)::int as last
      from events where stream_id = any(${streams}) group by 1, 2`;
    const torn = rows.filter(
      (row) => row.events !== BATCH_SIZE || row.last - row.first + 1 !== BATCH_SIZE,
    );
    const stored = new Set(rows.map((row) => row.batch));
    const acknowledged = trials.flatMap((one) => [...one.acknowledged]);
    const inFlight = trials.flatMap((one) =>
      [...one.started].filter((batch) => !one.acknowledged.has(batch)),
    );
    const missing = acknowledged.filter((batch) => !stored.has(batch));

    for (const streamId of streams) {
      const [counts] = await t.db.$client<{ events: number; top: number; version: number }[]>`
        select count(*)::int as events, coalesce(max(e.stream_version), 0)::int as top,
          (select version from streams where stream_id = ${streamId})::int as version
        from events e where e.stream_id = ${streamId}`;
      expect(counts, `${streamId}: versions 1..n, no gap`).toEqual({
        events: counts!.top,
        top: counts!.version,
        version: counts!.version,
      });
      const verified = await t.store.verifyStream({ actor: auditor, streamId });
      expect(verified.valid, `${streamId}: hash chain`).toBe(true);
    }

    const firstAcks = trials.map((one) => one.firstAckMs).sort((a, b) => a - b);
    console.log(
      `kill -9 mid-batch: ${trials.length} trials in ${seconds.toFixed(1)} s ` +
        `(start to first acknowledged batch: median ${firstAcks[TRIALS >> 1]!.toFixed(0)} ms); ` +
        `${acknowledged.length} batches of ${BATCH_SIZE} acknowledged, ${missing.length} of them missing; ` +
        `${inFlight.length} in flight at the kill (${inFlight.filter((b) => stored.has(b)).length} committed whole, ` +
        `${inFlight.filter((b) => !stored.has(b)).length} rolled back); ${stored.size} batches stored, ${torn.length} torn`,
    );
    expect(trials).toHaveLength(TRIALS);
    expect(torn).toEqual([]);
    expect(missing).toEqual([]);
    expect(inFlight.length).toBeGreaterThan(0);
  });
});
