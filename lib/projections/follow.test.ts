import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { anotherProcess, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import type { EventStore } from '../event-store';
import { eventStats } from './event-stats';
import { follow } from './follow';
import { lockProjection } from './lock';

let t: TestDatabase;
let otherDb: Database;
let other: EventStore;
beforeAll(async () => {
  t = await createTestDatabase();
  // Another app process: its own pool and store, whose appends wake its own follower.
  ({ db: otherDb, store: other } = anotherProcess(t));
});
afterAll(() => otherDb.$client.end({ timeout: 1 }));

const checkpoint = async () => {
  const [row] = await t.db.$client<{ position: number }[]>`
    select position from projections where name = ${eventStats.name}`;
  return row?.position ?? 0;
};

describe('a follower whose projection another runner holds', () => {
  it('tries again at its poll, not at every append it sees, and takes over once it is free', async () => {
    let tries = 0;
    otherDb.$client.options.debug = (_connection: number, query: string) => {
      if (query.includes('pg_try_advisory_xact_lock')) tries++;
    };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = t.db.$client.begin(async (tx) => {
      await lockProjection(tx, eventStats.name);
      holding();
      await released;
    });
    await held;
    const stop = new AbortController();
    const follower = follow(other.context, eventStats, { signal: stop.signal, pollMs: 3000 });
    try {
      const streamId = `followed-${randomUUID()}`;
      let last = 0;
      for (let i = 0; i < 30; i++) {
        const appended = await other.append({
          actor: operator,
          streamId,
          events: [{ type: 'Counted', data: { i } }],
        });
        last = appended.positions[0]!;
      }
      // Its first try, and at most one poll while the 30 appends went on.
      expect(tries).toBeGreaterThanOrEqual(1);
      expect(tries).toBeLessThanOrEqual(2);
      release();
      await holder;
      await expect
        .poll(checkpoint, { timeout: 10_000, interval: 100 })
        .toBeGreaterThanOrEqual(last);
    } finally {
      release();
      stop.abort();
      await follower;
      otherDb.$client.options.debug = false;
    }
  });
});
