import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendResult, streamPage } from '@/lib/api/schemas';
import type { TestDatabase } from '@/test/database';
import { apiRequest, eventCount, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const MiB = 1024 * 1024;
const newStream = () => `order-${randomUUID()}`;
const path = (id: string, query = '') => `/api/v1/streams/${encodeURIComponent(id)}/events${query}`;

function post(id: string, init: Parameters<typeof apiRequest>[1]) {
  return route.POST(apiRequest(path(id), { method: 'POST', ...init }), routeContext({ id }));
}

function get(id: string, query = '', token?: string | null) {
  return route.GET(apiRequest(path(id, query), { token }), routeContext({ id }));
}

async function append(id: string, count: number, expectedVersion?: number) {
  const events = Array.from({ length: count }, (_, i) => ({ type: 'Placed', data: { i } }));
  const response = await post(id, { json: { events, expectedVersion } });
  expect(response.status).toBe(201);
  return appendResult.parse(await response.json());
}

const one = (event: Record<string, unknown>) => ({ events: [event] });
const anEvent = one({ type: 'A', data: {} });

/** A valid append body whose JSON text is exactly `bytes` long (ASCII, so bytes = characters). */
function bodyOfSize(bytes: number): string {
  const shell = (fill: string) => `{"events":[{"type":"Padded","data":{"s":"${fill}"}}]}`;
  return shell('x'.repeat(bytes - shell('').length));
}

/** An append whose whole body nests `depth` levels: body, events, event, then data. */
function bodyOfDepth(depth: number): string {
  const inner = depth - 4;
  return `{"events":[{"type":"Deep","data":${'{"a":'.repeat(inner)}{}${'}'.repeat(inner)}}]}`;
}

describe('POST /api/v1/streams/{id}/events', () => {
  it('appends and answers 201 with versions and positions', async () => {
    const id = newStream();
    const response = await post(id, {
      json: {
        expectedVersion: 'no_stream',
        events: [
          { type: 'Placed', data: { n: 1 } },
          { type: 'Paid', data: {} },
        ],
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const result = appendResult.parse(await response.json());
    expect(result).toMatchObject({ streamId: id, fromVersion: 1, toVersion: 2 });
    expect(result.positions).toHaveLength(2);
  });

  it('answers 409 with currentVersion when expectedVersion is stale, and writes nothing', async () => {
    const id = newStream();
    await append(id, 2);
    const before = await eventCount(t);
    const problem = await expectProblem(
      await post(id, { json: { expectedVersion: 1, events: [{ type: 'Placed', data: {} }] } }),
      409,
    );
    expect(problem).toMatchObject({ type: 'urn:chronicle:problem:concurrency', currentVersion: 2 });
    expect(await eventCount(t)).toBe(before);
  });

  it('answers a retry with the same event ids with the original result', async () => {
    const id = newStream();
    const json = { events: [{ eventId: randomUUID(), type: 'Placed', data: { n: 1 } }] };
    const first = await post(id, { json });
    const retry = await post(id, { json });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect((await append(id, 1)).toVersion).toBe(2);
  });

  it('keeps a given occurredAt', async () => {
    const id = newStream();
    const occurredAt = '2020-02-03T04:05:06.789Z';
    await post(id, { json: { events: [{ type: 'Imported', data: {}, occurredAt }] } });
    const page = streamPage.parse(await (await get(id)).json());
    expect(page.events[0]?.occurredAt).toBe(occurredAt);
  });

  it('accepts a body of exactly 1 MiB and one nested exactly 64 levels', async () => {
    const big = await post(newStream(), {
      body: bodyOfSize(MiB),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(201);
    const deep = await post(newStream(), {
      body: bodyOfDepth(64),
      headers: { 'content-type': 'application/json' },
    });
    expect(deep.status).toBe(201);
  });

  const json = { 'content-type': 'application/json' };
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const invalidUtf8 = new Uint8Array([
    ...utf8('{"events":[{"type":"A","data":{"s":"'),
    0xff,
    0xfe,
    ...utf8('"}}]}'),
  ]);
  const cases: [string, Parameters<typeof apiRequest>[1], number, RegExp][] = [
    [
      'a body over 1 MiB',
      { body: bodyOfSize(MiB + 1), headers: json },
      413,
      /exceeds 1048576 bytes/,
    ],
    ['bytes that are not UTF-8', { body: invalidUtf8, headers: json }, 400, /not valid UTF-8/],
    ['a NUL character in data', { json: one({ type: 'A', data: { s: 'a\u0000b' } }) }, 400, /NUL/],
    [
      'a lone surrogate in data',
      { body: '{"events":[{"type":"A","data":{"s":"\\ud800"}}]}', headers: json },
      400,
      /surrogate/,
    ],
    ['a body nested 65 levels', { body: bodyOfDepth(65), headers: json }, 400, /deeper than 64/],
    [
      'a body nested 100,000 levels',
      { body: bodyOfDepth(100_000), headers: json },
      400,
      /deeper than 64/,
    ],
    ['data that is a string', { json: one({ type: 'A', data: 'text' }) }, 400, /events\[0\]\.data/],
    ['data that is an array', { json: one({ type: 'A', data: [1] }) }, 400, /events\[0\]\.data/],
    [
      'events that is not an array',
      { json: { events: anEvent.events[0] } },
      400,
      /events: .*array/,
    ],
    ['expectedVersion "x"', { json: { ...anEvent, expectedVersion: 'x' } }, 400, /expectedVersion/],
    ['expectedVersion -1', { json: { ...anEvent, expectedVersion: -1 } }, 400, /expectedVersion/],
    [
      'a misspelt expectedVersion',
      { json: { ...anEvent, expectedversion: 0 } },
      400,
      /expectedversion/,
    ],
    [
      'an event type outside the pattern',
      { json: one({ type: '9lives', data: {} }) },
      400,
      /events\[0\]\.type/,
    ],
    [
      'an eventId that is not a UUID',
      { json: one({ eventId: 'abc', type: 'A', data: {} }) },
      400,
      /eventId/,
    ],
    [
      'an occurredAt that is not a date',
      { json: one({ type: 'A', data: {}, occurredAt: 'soon' }) },
      400,
      /occurredAt/,
    ],
    ['no events', { json: { events: [] } }, 400, /events: .*>=1/],
    [
      '1001 events',
      { json: { events: Array.from({ length: 1001 }, () => anEvent.events[0]) } },
      413,
      /at most 1000 events/,
    ],
    ['malformed JSON', { body: '{"events": [', headers: json }, 400, /Malformed JSON/],
    ['JSON that is not an object', { json: [1, 2] }, 400, /expected object/],
    ['no body', {}, 400, /expected object, received undefined/],
    [
      'a text/plain body',
      { body: JSON.stringify(anEvent), headers: { 'content-type': 'text/plain' } },
      415,
      /text\/plain/,
    ],
    [
      'a form body',
      { body: 'events=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      /form/,
    ],
    [
      'JSON in another charset',
      { body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
      415,
      /latin1/,
    ],
    [
      'a body without a content type',
      { body: utf8(JSON.stringify(anEvent)) },
      415,
      /needs Content-Type/,
    ],
    ['no token', { json: anEvent, token: null }, 401, /bearer token is required/],
    ['a wrong token', { json: anEvent, token: 'not-the-token-0123456789' }, 401, /not valid/],
    [
      'another scheme',
      { json: anEvent, token: null, headers: { authorization: 'Basic YTpi' } },
      401,
      /required/,
    ],
  ];

  it.each(cases)('refuses %s and writes nothing', async (_, init, status, detail) => {
    const id = newStream();
    const before = await eventCount(t);
    const problem = await expectProblem(await post(id, init), status);
    expect(problem.detail).toMatch(detail);
    if (status === 400) expect(problem.errors).toEqual(expect.any(Array));
    expect(await eventCount(t)).toBe(before);
    await expectProblem(await get(id), 404);
  });

  it('answers 401 with a Bearer challenge', async () => {
    const response = await post(newStream(), { json: anEvent, token: null });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses to write to a system ($) stream or an invalid id', async () => {
    const before = await eventCount(t);
    for (const id of ['$audit-1', 'a b', 'x'.repeat(201)]) {
      await expectProblem(await post(id, { json: anEvent }), 400);
    }
    expect(await eventCount(t)).toBe(before);
  });
});

describe('GET /api/v1/streams/{id}/events', () => {
  it('pages forward with nextCursor as the next fromVersion', async () => {
    const id = newStream();
    await append(id, 5);
    const versions: number[] = [];
    let query = '?limit=2';
    for (let pages = 0; pages < 5; pages++) {
      const page = streamPage.parse(await (await get(id, query)).json());
      expect(page).toMatchObject({ streamId: id, version: 5 });
      versions.push(...page.events.map((e) => e.version));
      if (page.nextCursor === null) break;
      query = `?limit=2&fromVersion=${page.nextCursor}`;
    }
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });

  it('pages backward from the newest event', async () => {
    const id = newStream();
    await append(id, 3);
    const first = streamPage.parse(await (await get(id, '?direction=backward&limit=2')).json());
    expect(first.events.map((e) => e.version)).toEqual([3, 2]);
    expect(first.nextCursor).toBe(1);
    const second = streamPage.parse(
      await (await get(id, `?direction=backward&limit=2&fromVersion=${first.nextCursor}`)).json(),
    );
    expect(second.events.map((e) => e.version)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
  });

  it('reads upcast events by default and stored ones with raw=true', async () => {
    const id = `ticket-${randomUUID()}`;
    await post(id, { json: one({ type: 'Opened', data: { name: 'old' } }) });
    const { registry } = await import('@/lib/event-types');
    registry.register({
      category: 'ticket',
      type: 'Opened',
      schemaVersion: 2,
      schema: z.object({ title: z.string() }),
      upcasters: { 1: (data) => ({ title: data.name }) },
    });
    const [upcast] = streamPage.parse(await (await get(id)).json()).events;
    const [stored] = streamPage.parse(await (await get(id, '?raw=true')).json()).events;
    expect(upcast).toMatchObject({ schemaVersion: 2, data: { title: 'old' } });
    expect(stored).toMatchObject({ schemaVersion: 1, data: { name: 'old' } });
  });

  it('decodes the stream id from the path', async () => {
    const id = `order-a:b.c_${randomUUID()}`;
    await append(id, 1);
    const response = await route.GET(
      apiRequest(path(id)),
      routeContext({ id: encodeURIComponent(id) }),
    );
    expect(streamPage.parse(await response.json()).streamId).toBe(id);
  });

  it('answers 404 for an unknown stream, a system one included', async () => {
    await expectProblem(await get(newStream()), 404);
    await expectProblem(await get('$audit-nothing'), 404);
  });

  it.each([
    'limit=0',
    'limit=1001',
    'limit=ten',
    'fromVersion=-1',
    'fromVersion=1.5',
    'direction=sideways',
    'raw=maybe',
  ])('answers 400 for %s', async (query) => {
    const id = newStream();
    await append(id, 1);
    const problem = await expectProblem(await get(id, `?${query}`), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: query.split('=')[0] })]);
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await get(newStream(), '', null), 401);
  });
});
