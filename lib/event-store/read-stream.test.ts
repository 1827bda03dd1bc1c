import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';

let t: TestDatabase;
let streamId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  streamId = `doc-${randomUUID()}`;
  const events = Array.from({ length: 25 }, (_, i) => ({ type: 'Line', data: { i } }));
  await t.store.append({ actor: operator, streamId, events });
});

describe('reading a stream', () => {
  it('pages forward from an inclusive fromVersion', async () => {
    const first = await t.store.readStream({ actor: auditor, streamId, limit: 10 });
    expect(first.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first).toMatchObject({ version: 25, nextCursor: 11 });
    const last = await t.store.readStream({ actor: auditor, streamId, fromVersion: 21, limit: 10 });
    expect(last.events.map((e) => e.version)).toEqual([21, 22, 23, 24, 25]);
    expect(last.nextCursor).toBeNull();
  });

  it('reads backward from the newest event by default', async () => {
    const page = await t.store.readStream({
      actor: auditor,
      streamId,
      direction: 'backward',
      limit: 3,
    });
    expect(page.events.map((e) => e.version)).toEqual([25, 24, 23]);
    expect(page.nextCursor).toBe(22);
    const from = await t.store.readStream({
      actor: auditor,
      streamId,
      direction: 'backward',
      fromVersion: 2,
    });
    expect(from.events.map((e) => e.version)).toEqual([2, 1]);
    expect(from.nextCursor).toBeNull();
  });

  it('answers not found for an unknown stream and refuses bad limits', async () => {
    await expect(
      t.store.readStream({ actor: auditor, streamId: 'doc-missing' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    for (const limit of [0, 1001, 2.5]) {
      await expect(t.store.readStream({ actor: auditor, streamId, limit })).rejects.toMatchObject({
        code: 'validation',
      });
    }
  });
});

describe('listing streams', () => {
  const category = `list${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    for (const id of ['a1', 'a2', 'a3', 'b1', 'b_2']) {
      await t.store.append({
        actor: operator,
        streamId: `${category}-${id}`,
        events: [{ type: 'Made', data: {} }],
      });
    }
  });

  it('filters by category and pages with a keyset cursor', async () => {
    const first = await t.store.listStreams({ actor: auditor, category, limit: 2 });
    expect(first.streams.map((s) => s.streamId)).toEqual([`${category}-a1`, `${category}-a2`]);
    const second = await t.store.listStreams({
      actor: auditor,
      category,
      limit: 2,
      cursor: first.nextCursor!,
    });
    const third = await t.store.listStreams({
      actor: auditor,
      category,
      limit: 2,
      cursor: second.nextCursor!,
    });
    expect([...second.streams, ...third.streams].map((s) => s.streamId)).toEqual([
      `${category}-a3`,
      `${category}-b1`,
      `${category}-b_2`,
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by id prefix, treating LIKE wildcards literally', async () => {
    const prefixed = await t.store.listStreams({ actor: auditor, prefix: `${category}-a` });
    expect(prefixed.streams.map((s) => s.streamId)).toEqual([
      `${category}-a1`,
      `${category}-a2`,
      `${category}-a3`,
    ]);
    const literal = await t.store.listStreams({ actor: auditor, prefix: `${category}-b_` });
    expect(literal.streams.map((s) => s.streamId)).toEqual([`${category}-b_2`]);
  });

  it('sorts by last update, newest first, across pages', async () => {
    await t.store.append({
      actor: operator,
      streamId: `${category}-a1`,
      events: [{ type: 'Touched', data: {} }],
    });
    const first = await t.store.listStreams({
      actor: auditor,
      category,
      sort: '-updatedAt',
      limit: 3,
    });
    expect(first.streams[0]?.streamId).toBe(`${category}-a1`);
    const rest = await t.store.listStreams({
      actor: auditor,
      category,
      sort: '-updatedAt',
      limit: 3,
      cursor: first.nextCursor!,
    });
    const all = [...first.streams, ...rest.streams];
    expect(all).toHaveLength(5);
    const times = all.map((s) => s.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(t.store.listStreams({ actor: auditor, cursor: 'nonsense' })).rejects.toMatchObject(
      { code: 'validation' },
    );
    const byId = await t.store.listStreams({ actor: auditor, category, limit: 1 });
    await expect(
      t.store.listStreams({
        actor: auditor,
        category,
        sort: 'updatedAt',
        cursor: byId.nextCursor!,
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });
});
