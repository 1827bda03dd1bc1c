import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendResult, streamPage } from '@/lib/api/schemas';
import { auditor, type TestDatabase } from '@/test/database';
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
    [
      'an occurredAt in year 0000',
      { json: one({ type: 'A', data: {}, occurredAt: '0000-06-01T00:00:00Z' }) },
      400,
      /events\[0\]\.occurredAt: must be an instant from 0001/,
    ],
    [
      'an occurredAt in year 10000 once its offset is applied',
      { json: one({ type: 'A', data: {}, occurredAt: '9999-12-31T23:59:59.999-12:00' }) },
      400,
      /occurredAt: must be an instant/,
    ],
    [
      'an occurredAt in the future',
      {
        json: one({
          type: 'A',
          data: {},
          occurredAt: new Date(Date.now() + 600_000).toISOString(),
        }),
      },
      400,
      /events\[0\]\.occurredAt .* is in the future/,
    ],
    [
      'an integer beyond what a double holds',
      { body: '{"events":[{"type":"A","data":{"accountNo":9007199254740993}}]}', headers: json },
      400,
      /number 9007199254740993 cannot be kept exactly .* it would become 9007199254740992/,
    ],
    [
      'a fraction with more digits than a double holds',
      { body: '{"events":[{"type":"A","data":{"amount":0.10000000000000000001}}]}', headers: json },
      400,
      /number 0\.10000000000000000001 cannot be kept exactly/,
    ],
    [
      "a number out of a double's range",
      { body: '{"events":[{"type":"A","metadata":{"n":1e400},"data":{}}]}', headers: json },
      400,
      /number 1e400 cannot be kept exactly/,
    ],
    [
      'eventIds on some events only',
      { json: { events: [{ eventId: randomUUID(), type: 'A', data: {} }, anEvent.events[0]] } },
      400,
      /every event of an append an eventId, or none: 1 of 2/,
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

  it('keeps numbers that a double holds exactly, however they are written', async () => {
    const id = newStream();
    const response = await post(id, {
      body: '{"events":[{"type":"A","data":{"a":0.1,"b":1.0,"c":1e2,"d":-0,"e":1.5E-7,"f":9007199254740992}}]}',
      headers: json,
    });
    expect(response.status).toBe(201);
    const page = streamPage.parse(await (await get(id)).json());
    expect(page.events[0]?.data).toEqual({
      a: 0.1,
      b: 1,
      c: 100,
      d: 0,
      e: 1.5e-7,
      f: 9007199254740992,
    });
    expect((await t.store.verifyStream({ actor: auditor, streamId: id })).valid).toBe(true);
  });

  it('stores a key named __proto__ rather than dropping it', async () => {
    const id = newStream();
    const body = '{"events":[{"type":"A","data":{"__proto__":{"polluted":true},"k":2}}]}';
    expect((await post(id, { body, headers: json })).status).toBe(201);
    const [row] = await t.db.$client<{ proto: unknown }[]>`
      select data -> '__proto__' as proto from events where stream_id = ${id}`;
    expect(row?.proto).toEqual({ polluted: true });
    const text = await (await get(id)).text();
    expect(text).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.store.verifyStream({ actor: auditor, streamId: id })).valid).toBe(true);
  });

  it('stores the first and last millisecond of year 0001 and far-past times exactly', async () => {
    const id = newStream();
    const times = [
      '0001-01-01T00:00:00.000Z',
      '0001-12-31T23:59:59.999Z',
      '1066-10-14T09:00:00.001Z',
    ];
    for (const occurredAt of times) {
      expect((await post(id, { json: one({ type: 'A', data: {}, occurredAt }) })).status).toBe(201);
    }
    const page = streamPage.parse(await (await get(id)).json());
    expect(page.events.map((e) => e.occurredAt)).toEqual(times);
    expect((await t.store.verifyStream({ actor: auditor, streamId: id })).valid).toBe(true);
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

describe('POST /api/v1/streams/{id}/events to an aggregate stream', () => {
  const created = (workflowId: string, title = 'Sleep and memory') => ({
    type: 'WorkflowCreated',
    data: {
      workflowId,
      title,
      question: 'Does sleep help recall?',
      methodology: { design: 'RCT' },
    },
  });
  const workflowRoute = () => import('../../../workflows/[id]/route');
  const readWorkflow = async (workflowId: string) =>
    (await workflowRoute()).GET(
      apiRequest(`/api/v1/workflows/${workflowId}`),
      routeContext({ id: workflowId }),
    );

  it('refuses an event the workflow cannot fold, naming the stream and version, and writes nothing', async () => {
    const workflowId = randomUUID();
    const id = `workflow-${workflowId}`;
    const before = await eventCount(t);
    const problem = await expectProblem(
      await post(id, { json: one({ type: 'WorkflowStarted', data: {} }) }),
      422,
    );
    expect(problem.detail).toBe(
      `events[0] (WorkflowStarted) cannot be appended to ${id} as its version 1: Cannot start workflow: it does not exist`,
    );
    expect(problem).toMatchObject({ streamId: id, version: 1, eventType: 'WorkflowStarted' });
    expect(await eventCount(t)).toBe(before);
    await expectProblem(await get(id), 404);
  });

  it('refuses a WorkflowCreated naming another workflow, which would forge its read model', async () => {
    const victim = randomUUID();
    expect((await post(`workflow-${victim}`, { json: one(created(victim)) })).status).toBe(201);
    const forger = randomUUID();
    const problem = await expectProblem(
      await post(`workflow-${forger}`, { json: one(created(victim, 'Forged')) }),
      422,
    );
    expect(problem.detail).toContain(
      `it creates workflow ${victim}, and this stream is workflow ${forger}'s`,
    );
    const view = await readWorkflow(victim);
    expect(await view.json()).toMatchObject({
      workflowId: victim,
      title: 'Sleep and memory',
      status: 'draft',
    });
    await expectProblem(await readWorkflow(forger), 404);
  });

  it('takes a history the workflow accepts, with its read model keyed by the stream', async () => {
    const workflowId = randomUUID();
    const id = `workflow-${workflowId}`;
    const json = {
      expectedVersion: 'no_stream',
      events: [
        { eventId: randomUUID(), ...created(workflowId), occurredAt: '2025-03-01T09:00:00.000Z' },
        {
          eventId: randomUUID(),
          type: 'WorkflowStarted',
          data: {},
          occurredAt: '2025-03-02T09:00:00.000Z',
        },
      ],
    };
    const response = await post(id, { json });
    expect(response.status).toBe(201);
    const result: unknown = await response.json();
    expect(result).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(await (await readWorkflow(workflowId)).json()).toMatchObject({
      workflowId,
      version: 2,
      status: 'running',
      updatedAt: '2025-03-02T09:00:00.000Z',
    });
    // A retry of the same append is answered with the original result, not refused by the fold.
    const retry = await post(id, { json });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(result);
    const next = await post(id, {
      json: {
        expectedVersion: 2,
        events: [{ type: 'StepAdded', data: { stepId: 's', title: 'S' } }],
      },
    });
    expect(await next.json()).toMatchObject({ fromVersion: 3, toVersion: 3 });
    await expectProblem(
      await post(id, {
        json: { expectedVersion: 2, events: [{ type: 'WorkflowPaused', data: {} }] },
      }),
      409,
    );
  });

  it('refuses fields a workflow event does not have instead of dropping them', async () => {
    const workflowId = randomUUID();
    const problem = await expectProblem(
      await post(`workflow-${workflowId}`, {
        json: one({ ...created(workflowId), data: { ...created(workflowId).data, extra: 1 } }),
      }),
      422,
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/extra/) as unknown }),
    ]);
  });

  it('registers an agent by a plain append, kept in the agent read model', async () => {
    const agentId = `librarian-${randomUUID().slice(0, 8)}`;
    const response = await post(`agent-${agentId}`, {
      json: one({
        type: 'AgentRegistered',
        data: { agentId, name: 'Librarian', model: 'gpt-x', capabilities: ['search'] },
      }),
    });
    expect(response.status).toBe(201);
    const [row] = await t.db.$client<{ name: string }[]>`
      select name from agent_summaries where agent_id = ${agentId}`;
    expect(row?.name).toBe('Librarian');
  });
});
