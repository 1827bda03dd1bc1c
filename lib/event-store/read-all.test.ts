import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import type { RecordedEvent } from './types';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});

const uniqueCategory = () => `c${randomUUID().slice(0, 8)}`;

/** Appends inside a transaction that stays open until `release` is called. */
async function openAppend(streamId: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let appended!: () => void;
  const ready = new Promise<void>((resolve) => (appended = resolve));
  const payload = JSON.stringify([
    {
      eventId: randomUUID(),
      type: 'Straggler',
      schemaVersion: 1,
      data: {},
      metadata: {},
      occurredAtMs: null,
      contentHash: '0'.repeat(64),
    },
  ]);
  const done = t.db.$client.begin(async (tx) => {
    await tx`select * from chronicle_append(${streamId}, -1, ${payload}::jsonb)`;
    appended();
    await released;
  });
  await ready;
  return { release, done };
}

/** A subscription collecting what it delivers, until `stop`. */
function follow(params: { category: string; after: number; pollMs: number; batchSize?: number }) {
  const delivered: RecordedEvent[] = [];
  const controller = new AbortController();
  const running = t.store.subscribe({
    actor: auditor,
    ...params,
    signal: controller.signal,
    onEvent: (e) => {
      delivered.push(e);
    },
  });
  return {
    delivered,
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}

describe('$all', () => {
  it('filters by type, category, correlation id and recorded time, and pages with lastPosition', async () => {
    const category = uniqueCategory();
    const correlationId = randomUUID();
    const before = new Date(Date.now() - 1000);
    await t.store.append({
      actor: operator,
      streamId: `${category}-1`,
      events: [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
      ],
    });
    await t.store.append({
      actor: operator,
      streamId: `${category}-2`,
      events: [{ type: 'A', data: {}, metadata: { correlationId } }],
    });
    const last = await t.store.append({
      actor: operator,
      streamId: `other${category}-1`,
      events: [{ type: 'A', data: {} }],
    });
    await waitForHorizon(t.store, last.positions[0]!);
    const byCategory = await t.store.readAll({ actor: auditor, category });
    expect(byCategory.events.map((e) => e.streamId)).toEqual([
      `${category}-1`,
      `${category}-1`,
      `${category}-2`,
    ]);
    const byType = await t.store.readAll({ actor: auditor, category, types: ['B'] });
    expect(byType.events.map((e) => e.type)).toEqual(['B']);
    const byCorrelation = await t.store.readAll({ actor: auditor, correlationId });
    expect(byCorrelation.events.map((e) => e.streamId)).toEqual([`${category}-2`]);
    expect(
      (
        await t.store.readAll({
          actor: auditor,
          category,
          from: before,
          to: new Date(Date.now() + 1000),
        })
      ).events,
    ).toHaveLength(3);
    expect((await t.store.readAll({ actor: auditor, category, to: before })).events).toHaveLength(
      0,
    );

    const first = await t.store.readAll({ actor: auditor, category, limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.lastPosition).toBe(first.events[1]?.position);
    const rest = await t.store.readAll({
      actor: auditor,
      category,
      after: first.lastPosition,
      limit: 2,
    });
    expect(rest.events.map((e) => e.streamId)).toEqual([`${category}-2`]);
    const end = await t.store.readAll({ actor: auditor, category, after: rest.lastPosition });
    expect(end.events).toHaveLength(0);
    expect(end.lastPosition).toBeGreaterThanOrEqual(rest.lastPosition);
  });

  it('reads newest first for browsing, paging with before, over the same readable log', async () => {
    const category = uniqueCategory();
    let last = 0;
    for (const n of [1, 2, 3, 4, 5]) {
      last = (
        await t.store.append({
          actor: operator,
          streamId: `${category}-${n}`,
          events: [{ type: `E${n}`, data: {} }],
        })
      ).positions[0]!;
    }
    await waitForHorizon(t.store, last);
    const first = await t.store.readAllBackward({ actor: auditor, category, limit: 2 });
    expect(first.events.map((e) => e.type)).toEqual(['E5', 'E4']);
    const second = await t.store.readAllBackward({
      actor: auditor,
      category,
      limit: 2,
      before: first.lastPosition,
    });
    expect(second.events.map((e) => e.type)).toEqual(['E3', 'E2']);
    const third = await t.store.readAllBackward({
      actor: auditor,
      category,
      limit: 2,
      before: second.lastPosition,
    });
    expect(third.events.map((e) => e.type)).toEqual(['E1']);
    expect(third.lastPosition).toBe(0);
    await expect(t.store.readAllBackward({ actor: auditor, before: -1 })).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('a straggler: a reader and a subscription see neither the early open write nor the later committed one, then both in order', async () => {
    const category = uniqueCategory();
    const start = await t.store.readAll({ actor: auditor, category });
    const straggler = await openAppend(`${category}-slow`);
    const later = await t.store.append({
      actor: operator,
      streamId: `${category}-fast`,
      events: [{ type: 'Fast', data: {} }],
    });

    const { delivered, stop } = follow({ category, after: start.lastPosition, pollMs: 50 });

    const whileOpen = await t.store.readAll({
      actor: auditor,
      category,
      after: start.lastPosition,
    });
    expect(whileOpen.events).toEqual([]);
    expect(whileOpen.lastPosition).toBeLessThan(later.positions[0]!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered).toEqual([]);

    straggler.release();
    await straggler.done;
    await waitForHorizon(t.store, later.positions[0]!);
    const after = await t.store.readAll({
      actor: auditor,
      category,
      after: whileOpen.lastPosition,
    });
    expect(after.events.map((e) => e.type)).toEqual(['Straggler', 'Fast']);
    expect(after.events[0]!.position).toBeLessThan(after.events[1]!.position);

    await expect.poll(() => delivered.length, { timeout: 5000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    expect(delivered.map((e) => e.type)).toEqual(['Straggler', 'Fast']);
  });

  it('8 concurrent writers and a tail reader over 20,000 events: nothing skipped, nothing twice, in position order', async () => {
    const category = uniqueCategory();
    const start = await t.store.readAll({ actor: auditor, category });
    const perWriter = 2500;
    const written = new Set<string>();
    const { delivered: seen, stop } = follow({
      category,
      after: start.lastPosition,
      pollMs: 20,
      batchSize: 1000,
    });
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        let count = 0;
        while (count < perWriter) {
          const size = Math.min(perWriter - count, 1 + Math.floor(Math.random() * 8));
          const events = Array.from({ length: size }, () => ({
            eventId: randomUUID(),
            type: 'Tick',
            data: { writer },
          }));
          const streamId = `${category}-${writer}-${Math.floor(Math.random() * 20)}`;
          await t.store.append({ actor: operator, streamId, events });
          events.forEach((e) => written.add(e.eventId));
          count += size;
        }
      }),
    );
    expect(written.size).toBe(20_000);
    await expect
      .poll(() => seen.length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(20_000);
    await stop();
    expect(seen).toHaveLength(20_000);
    expect(new Set(seen.map((e) => e.eventId))).toEqual(written);
    const positions = seen.map((e) => e.position);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
  });
});
