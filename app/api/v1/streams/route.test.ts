import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamList } from '@/lib/api/schemas';
import { operator, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

/** A category of its own with `count` streams, created in the order of their ids. */
async function category(count: number): Promise<{ name: string; ids: string[] }> {
  const name = `c${randomBytes(4).toString('hex')}`;
  const ids = Array.from({ length: count }, (_, i) => `${name}-${i}`);
  for (const streamId of ids) {
    await t.store.append({ actor: operator, streamId, events: [{ type: 'Made', data: {} }] });
  }
  return { name, ids };
}

async function list(query: string) {
  const response = await route.GET(apiRequest(`/api/v1/streams?${query}`), routeContext());
  expect(response.status).toBe(200);
  return streamList.parse(await response.json());
}

/** Follows nextCursor to the end and returns the ids seen. */
async function allPages(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const body = await list(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query);
    ids.push(...body.streams.map((s) => s.streamId));
    cursor = body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error('paging did not end');
}

describe('GET /api/v1/streams', () => {
  it('lists streams of a category with their versions and times', async () => {
    const { name, ids } = await category(2);
    const body = await list(`category=${name}`);
    expect(body.streams).toEqual(
      ids.map(
        (streamId) => expect.objectContaining({ streamId, category: name, version: 1 }) as unknown,
      ),
    );
    expect(body.nextCursor).toBeNull();
  });

  it('matches the category exactly, not as a prefix', async () => {
    const { name } = await category(1);
    await t.store.append({
      actor: operator,
      streamId: `${name}x-1`,
      events: [{ type: 'Made', data: {} }],
    });
    expect((await list(`category=${name}`)).streams.map((s) => s.streamId)).toEqual([`${name}-0`]);
  });

  it('filters by prefix', async () => {
    const { name } = await category(12);
    expect((await list(`prefix=${name}-1`)).streams.map((s) => s.streamId)).toEqual([
      `${name}-1`,
      `${name}-10`,
      `${name}-11`,
    ]);
  });

  it('pages with nextCursor through every stream exactly once', async () => {
    const { name, ids } = await category(5);
    expect(await allPages(`category=${name}&limit=2`)).toEqual([...ids].sort());
  });

  it('pages newest first with sort=-updatedAt', async () => {
    const { name, ids } = await category(5);
    expect(await allPages(`category=${name}&limit=2&sort=-updatedAt`)).toEqual([...ids].reverse());
  });

  it.each(['streamId', '-updatedAt'])(
    'pages back with previousCursor to the pages seen before (sort=%s)',
    async (sort) => {
      const { name } = await category(5);
      const query = `category=${name}&limit=2&sort=${sort}`;
      const ids = (body: { streams: { streamId: string }[] }) =>
        body.streams.map((s) => s.streamId);
      const first = await list(query);
      expect(first.previousCursor).toBeNull();
      const second = await list(`${query}&cursor=${encodeURIComponent(first.nextCursor!)}`);
      const third = await list(`${query}&cursor=${encodeURIComponent(second.nextCursor!)}`);
      expect(ids(third)).toHaveLength(1);
      const backToSecond = await list(
        `${query}&cursor=${encodeURIComponent(third.previousCursor!)}`,
      );
      expect(ids(backToSecond)).toEqual(ids(second));
      const backToFirst = await list(
        `${query}&cursor=${encodeURIComponent(backToSecond.previousCursor!)}`,
      );
      expect(ids(backToFirst)).toEqual(ids(first));
      expect(backToFirst.previousCursor).toBeNull();
      expect(backToFirst.nextCursor).not.toBeNull();
    },
  );

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=x', 'limit'],
    ['sort=size', 'sort'],
    ['cursor=not-a-cursor', 'cursor'],
    ['category=a&category=b', 'category'],
  ])('answers 400 for %s', async (query, path) => {
    const response = await route.GET(apiRequest(`/api/v1/streams?${query}`), routeContext());
    const problem = await expectProblem(response, 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 400 for a cursor of another sort order', async () => {
    const { name } = await category(3);
    const { nextCursor } = await list(`category=${name}&limit=1`);
    expect(nextCursor).not.toBeNull();
    const response = await route.GET(
      apiRequest(`/api/v1/streams?sort=-updatedAt&cursor=${nextCursor}`),
      routeContext(),
    );
    await expectProblem(response, 400);
  });

  it('answers 401 without a token', async () => {
    await expectProblem(
      await route.GET(apiRequest('/api/v1/streams', { token: null }), routeContext()),
      401,
    );
  });
});
