import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPage } from '@/lib/api/schemas';
import type { NewEvent } from '@/lib/event-store';
import { operator, waitForHorizon, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const newCategory = () => `k${randomBytes(4).toString('hex')}`;

async function read(query: string) {
  const response = await route.GET(apiRequest(`/api/v1/events?${query}`), routeContext());
  expect(response.status).toBe(200);
  return allPage.parse(await response.json());
}

const types = async (query: string) => (await read(query)).events.map((e) => e.type);

/** Waits until the events are readable: other test files' open transactions hold `$all` back. */
async function append(streamId: string, events: NewEvent[]) {
  const result = await t.store.append({ actor: operator, streamId, events });
  await waitForHorizon(t.store, result.positions.at(-1)!);
  return result;
}

describe('GET /api/v1/events', () => {
  it('pages through $all with lastPosition as the next after', async () => {
    const category = newCategory();
    await append(`${category}-a`, [
      { type: 'One', data: {} },
      { type: 'Two', data: {} },
    ]);
    await append(`${category}-b`, [{ type: 'Three', data: {} }]);
    await append(`${category}-a`, [
      { type: 'Four', data: {} },
      { type: 'Five', data: {} },
    ]);
    const seen: string[] = [];
    let after = 0;
    for (let page = 0; page < 10; page++) {
      const body = await read(`category=${category}&limit=2&after=${after}`);
      if (body.events.length === 0) break;
      expect(body.lastPosition).toBeGreaterThan(after);
      seen.push(...body.events.map((e) => e.type));
      after = body.lastPosition;
    }
    expect(seen).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
  });

  it('returns events after a position, exclusively', async () => {
    const category = newCategory();
    const { positions } = await append(`${category}-a`, [
      { type: 'A', data: {} },
      { type: 'B', data: {} },
    ]);
    expect(await types(`category=${category}&after=${positions[0]}`)).toEqual(['B']);
  });

  it('filters by type, repeated or comma-separated', async () => {
    const category = newCategory();
    await append(
      `${category}-a`,
      ['A', 'B', 'C', 'A'].map((type) => ({ type, data: {} })),
    );
    expect(await types(`category=${category}&type=A`)).toEqual(['A', 'A']);
    expect(await types(`category=${category}&type=A&type=C`)).toEqual(['A', 'C', 'A']);
    expect(await types(`category=${category}&type=B,C`)).toEqual(['B', 'C']);
  });

  it('filters by correlationId', async () => {
    const category = newCategory();
    const correlationId = randomUUID();
    await append(`${category}-a`, [{ type: 'Other', data: {} }]);
    await append(`${category}-b`, [{ type: 'Mine', data: {}, metadata: { correlationId } }]);
    const body = await read(`correlationId=${correlationId}`);
    expect(body.events.map((e) => [e.type, e.metadata.correlationId])).toEqual([
      ['Mine', correlationId],
    ]);
  });

  it('filters by recorded time: from inclusive, to exclusive', async () => {
    const category = newCategory();
    await append(`${category}-a`, [{ type: 'Early', data: {} }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await append(`${category}-a`, [{ type: 'Late', data: {} }]);
    const [, late] = (await read(`category=${category}`)).events;
    const at = encodeURIComponent(late?.recordedAt ?? '');
    expect(await types(`category=${category}&from=${at}`)).toEqual(['Late']);
    expect(await types(`category=${category}&to=${at}`)).toEqual(['Early']);
  });

  it('filters by stream, metadata actor and occurred time (from inclusive, to exclusive)', async () => {
    const category = newCategory();
    const day = (d: number) => new Date(Date.UTC(2024, 0, d));
    const as = async (id: string, streamId: string, events: NewEvent[]) => {
      const result = await t.store.append({ actor: { ...operator, id }, streamId, events });
      await waitForHorizon(t.store, result.positions.at(-1)!);
    };
    await as('ann', `${category}-a`, [{ type: 'A1', data: {}, occurredAt: day(1) }]);
    await as('bob', `${category}-a`, [{ type: 'A2', data: {}, occurredAt: day(2) }]);
    await as('ann', `${category}-b`, [{ type: 'B1', data: {}, occurredAt: day(3) }]);
    expect(await types(`stream=${category}-a`)).toEqual(['A1', 'A2']);
    expect(await types(`category=${category}&actor=ann`)).toEqual(['A1', 'B1']);
    expect(await types(`stream=${category}-a&actor=bob`)).toEqual(['A2']);
    const from = encodeURIComponent(day(2).toISOString());
    const to = encodeURIComponent(day(3).toISOString());
    expect(await types(`category=${category}&occurredFrom=${from}`)).toEqual(['A2', 'B1']);
    expect(await types(`category=${category}&occurredTo=${to}`)).toEqual(['A1', 'A2']);
    expect(
      await types(`category=${category}&occurredFrom=${from}&occurredTo=${to}&direction=backward`),
    ).toEqual(['A2']);
  });

  it.each([
    ['after=-1', 'after'],
    ['after=1.5', 'after'],
    ['after=x', 'after'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['from=yesterday', 'from'],
    ['to=2024-13-01T00:00:00Z', 'to'],
    ['from=0000-01-01T00:00:00Z', 'from'],
    ['to=9999-12-31T23:00:00-02:00', 'to'],
    ['from=0000-01-01T00:00:00Z&direction=backward', 'from'],
    ['type=9lives', 'type[0]'],
    ['stream=a%20b', 'stream'],
    ['occurredFrom=soon', 'occurredFrom'],
    ['occurredTo=0000-01-01T00:00:00Z', 'occurredTo'],
    [`actor=${'x'.repeat(201)}`, 'actor'],
  ])('answers 400 for %s', async (query, path) => {
    const response = await route.GET(apiRequest(`/api/v1/events?${query}`), routeContext());
    const problem = await expectProblem(response, 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 401 without a token', async () => {
    const response = await route.GET(apiRequest('/api/v1/events', { token: null }), routeContext());
    await expectProblem(response, 401);
  });
  it('reads newest first with direction=backward, paging with before', async () => {
    const category = newCategory();
    await append(`${category}-a`, [
      { type: 'One', data: {} },
      { type: 'Two', data: {} },
      { type: 'Three', data: {} },
    ]);
    const first = await read(`category=${category}&direction=backward&limit=2`);
    expect(first.events.map((e) => e.type)).toEqual(['Three', 'Two']);
    const rest = await read(
      `category=${category}&direction=backward&limit=2&before=${first.lastPosition}`,
    );
    expect(rest.events.map((e) => e.type)).toEqual(['One']);
    expect(rest.lastPosition).toBe(0);
    for (const query of ['direction=backward&after=1', 'before=5', 'direction=sideways']) {
      const response = await route.GET(apiRequest(`/api/v1/events?${query}`), routeContext());
      await expectProblem(response, 400);
    }
  });
});
