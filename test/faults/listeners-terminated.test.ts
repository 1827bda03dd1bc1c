import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import type { EventStore } from '@/lib/event-store';
import {
  anotherProcess,
  auditor,
  createTestDatabase,
  operator,
  type TestDatabase,
} from '@/test/database';

const SUBSCRIBERS = 3;
const TERMINATIONS = 6;
const category = `listened${randomUUID().slice(0, 8)}`;
const applicationName = `faults-listener-${randomUUID().slice(0, 8)}`;

let t: TestDatabase;
let listenerDb: Database;
let listener: EventStore;

beforeAll(async () => {
  t = await createTestDatabase();
  // The subscribers' process: its own pool and LISTEN connection, named so that only they are cut.
  ({ db: listenerDb, store: listener } = anotherProcess(t, { applicationName }));
});
afterAll(async () => {
  await listenerDb.$client.end({ timeout: 5 });
  await t.db.$client.end({ timeout: 5 });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends every connection of the subscribers' process, as an operator's pg_terminate_backend would. */
async function terminateListeners(): Promise<number> {
  const [row] = await t.db.$client<{ terminated: number }[]>`
    select count(*) filter (where pg_terminate_backend(pid))::int as terminated
    from pg_stat_activity where application_name = ${applicationName}`;
  return row?.terminated ?? 0;
}

const listening = async () => {
  const [row] = await t.db.$client<{ count: number }[]>`
    select count(*)::int as count from pg_stat_activity
    where application_name = ${applicationName} and query ilike 'listen%'`;
  return (row?.count ?? 0) > 0;
};

async function until(condition: () => Promise<boolean> | boolean, what: string, ms = 60_000) {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(20);
  }
  return performance.now() - started;
}

const appended: number[] = [];
async function append(count: number) {
  for (let i = 0; i < count; i++) {
    const result = await t.store.append({
      actor: operator,
      streamId: `${category}-${i % 5}`,
      events: [{ type: 'Heard', data: { i } }],
    });
    appended.push(...result.positions);
  }
}

describe('subscriptions whose connections are terminated (pg_terminate_backend)', () => {
  it('resume and deliver every event exactly once, in order', { timeout: 180_000 }, async () => {
    const controller = new AbortController();
    const received: number[][] = Array.from({ length: SUBSCRIBERS }, () => []);
    const subscriptions = received.map((positions) =>
      listener.subscribe({
        actor: auditor,
        category,
        signal: controller.signal,
        onEvent: (event) => {
          positions.push(event.position);
        },
      }),
    );
    const failures: unknown[] = [];
    for (const subscription of subscriptions) {
      subscription.catch((error: unknown) => {
        failures.push(error);
      });
    }
    const caughtUp = () => {
      if (failures.length > 0) throw failures[0];
      return received.every((positions) => positions.length >= appended.length);
    };

    await append(30);
    await until(caughtUp, 'before: delivery');
    await until(listening, 'before: LISTEN');

    let terminated = 0;
    const writing = append(120);
    for (let round = 0; round < TERMINATIONS; round++) {
      terminated += await terminateListeners();
      await sleep(50 + Math.random() * 150);
    }
    await writing;
    terminated += await terminateListeners();
    const listenAgainMs = await until(listening, 'LISTEN after the last termination');

    const lastAppend = performance.now();
    await append(30);
    await until(caughtUp, 'after: delivery');
    const deliveredMs = performance.now() - lastAppend;
    controller.abort();
    await Promise.allSettled(subscriptions);

    const expected = [...appended].sort((a, b) => a - b);
    console.log(
      `listeners terminated: ${terminated} connections cut in ${TERMINATIONS + 1} rounds; ` +
        `${appended.length} events appended, ${received.map((p) => p.length).join(' / ')} delivered ` +
        `to ${SUBSCRIBERS} subscribers; LISTEN back ${listenAgainMs.toFixed(0)} ms after the last cut; ` +
        `the last events delivered ${deliveredMs.toFixed(0)} ms after their append`,
    );
    expect(failures).toEqual([]);
    expect(terminated).toBeGreaterThan(TERMINATIONS);
    for (const positions of received) expect(positions).toEqual(expected);
  });
});
