import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { anotherProcess, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import type { EventStore } from '.';
import { AppendNotifier } from './notifier';

let t: TestDatabase;
let otherDb: Database;
let other: EventStore;
beforeAll(async () => {
  t = await createTestDatabase();
  // Another process's store: its own pool, told of appends only through PostgreSQL.
  ({ db: otherDb, store: other } = anotherProcess(t, { max: 2 }));
});
afterAll(() => otherDb.$client.end({ timeout: 1 }));

const outcome = (wait: Promise<void>, ms: number) =>
  Promise.race([
    wait.then(() => 'woken' as const),
    new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);

describe('append notifications', () => {
  it("wake another process's waiting subscriber long before its poll would", async () => {
    const waiting = other.context.notifier.waitForAppend(60_000);
    // The LISTEN goes out with the first wait; give it a moment to be in place.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await t.store.append({
      actor: operator,
      streamId: `note-${Date.now()}`,
      events: [{ type: 'Noted', data: {} }],
    });
    expect(await outcome(waiting, 10_000)).toBe('woken');
  });

  it('announce an append that did not carry the notification in its statement, a moment later', async () => {
    const append = () =>
      t.store.append({
        actor: operator,
        streamId: `note-${Date.now()}`,
        events: [{ type: 'Noted', data: {} }],
      });
    await append();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waiting = other.context.notifier.waitForAppend(60_000);
    // The carrier's turn is taken, as by an append a moment before: this one does not carry.
    expect(t.store.context.notifier.carry()).not.toBeNull();
    expect(t.store.context.notifier.carry()).toBeNull();
    await append();
    expect(await outcome(waiting, 10_000)).toBe('woken');
  });

  it('announce an append apart when the carrier that started after it is held up', async () => {
    const sql = postgres(t.url, { max: 1, onnotice: () => {} });
    const waiting = other.context.notifier.waitForAppend(60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const notifier = new AppendNotifier(sql);
      notifier.appended(notifier.carry());
      vi.advanceTimersByTime(1);
      // An append that found the carrier's turn taken commits; a notification is due in 5 ms.
      expect(notifier.carry()).toBeNull();
      notifier.appended(null);
      vi.advanceTimersByTime(4);
      // The next append carries, and never commits (it waits on a stream an open transaction holds).
      expect(notifier.carry()).not.toBeNull();
      vi.advanceTimersByTime(200);
    } finally {
      vi.useRealTimers();
    }
    expect(await outcome(waiting, 10_000)).toBe('woken');
    await sql.end({ timeout: 1 });
  });
});
