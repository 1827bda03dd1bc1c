import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { readExplorerPage, type PageCursor } from './explorer-page';
import { allEventFilters } from './filters';

let t: TestDatabase;
let category: string;

beforeAll(async () => {
  t = await createTestDatabase();
  category = `x${randomUUID().slice(0, 8)}`;
  const { positions } = await t.store.append({
    actor: operator,
    streamId: `${category}-1`,
    events: Array.from({ length: 60 }, (_, n) => ({ type: `E${n}`, data: {} })),
  });
  await waitForHorizon(t.store, positions.at(-1)!);
});

const read = (direction: string, cursor: PageCursor | Record<string, never> = {}) =>
  readExplorerPage(
    t.store,
    auditor,
    allEventFilters.parse({
      category,
      direction,
      limit: '25',
      ...Object.fromEntries(Object.entries(cursor).map(([k, v]) => [k, String(v)])),
    }),
  );
const types = (page: Awaited<ReturnType<typeof read>>) => page.events.map((e) => e.type);
const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => `E${from + i * step}`);

describe('the explorer pages both ways', () => {
  it('oldest first: Next, Next, then Previous twice returns to the first page', async () => {
    const first = await read('forward');
    expect(types(first)).toEqual(range(0, 24));
    expect(first.previous).toBeUndefined();
    const second = await read('forward', first.next!);
    const third = await read('forward', second.next!);
    expect(types(third)).toEqual(range(50, 59));
    expect(third.next).toBeUndefined();
    const backToSecond = await read('forward', third.previous!);
    expect(types(backToSecond)).toEqual(types(second));
    const backToFirst = await read('forward', backToSecond.previous!);
    expect(types(backToFirst)).toEqual(types(first));
    expect(backToFirst.previous).toBeUndefined();
  });

  it('newest first: Next then Previous returns to the newest page', async () => {
    const first = await read('backward');
    expect(types(first)).toEqual(range(59, 35, -1));
    const second = await read('backward', first.next!);
    expect(types(second)).toEqual(range(34, 10, -1));
    const back = await read('backward', second.previous!);
    expect(types(back)).toEqual(types(first));
    expect(back.previous).toBeUndefined();
    expect(back.next).toEqual(first.next);
  });
});
