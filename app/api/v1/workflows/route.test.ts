import { beforeAll, describe, expect, it } from 'vitest';
import { workflowList, workflowVersion } from '@/lib/api/workflow-schemas';
import type { TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  eventCount,
  expectProblem,
  routeContext,
  runCommands,
  sampleWorkflow,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const post = (json: unknown, token?: string) =>
  route.POST(apiRequest('/api/v1/workflows', { method: 'POST', json, token }), routeContext());

const list = async (query: string, token?: string | null) =>
  route.GET(apiRequest(`/api/v1/workflows?${query}`, { token }), routeContext());

async function listed(query: string) {
  const response = await list(query, AUDITOR_TOKEN);
  expect(response.status).toBe(200);
  return workflowList.parse(await response.json());
}

describe('POST /api/v1/workflows', () => {
  it('creates a draft workflow at version 1 and says where it is', async () => {
    const response = await post(sampleWorkflow);
    expect(response.status).toBe(201);
    const body = workflowVersion.parse(await response.json());
    expect(body.version).toBe(1);
    expect(response.headers.get('location')).toBe(`/api/v1/workflows/${body.workflowId}`);
    const { events } = await t.store.readStream({
      actor: { id: 'a', role: 'auditor', via: 'token' },
      streamId: `workflow-${body.workflowId}`,
    });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['WorkflowCreated', { workflowId: body.workflowId, ...sampleWorkflow }],
    ]);
  });

  it('answers 400 naming the field, and writes nothing', async () => {
    const before = await eventCount(t);
    const cases: [unknown, string][] = [
      [{ question: 'q', methodology: {} }, 'title'],
      [{ ...sampleWorkflow, title: 'x'.repeat(201) }, 'title'],
      [{ ...sampleWorkflow, title: '   ' }, 'title'],
      [{ ...sampleWorkflow, question: 'x'.repeat(2001) }, 'question'],
      [{ ...sampleWorkflow, methodology: 'interviews' }, 'methodology'],
      [{ ...sampleWorkflow, methodology: ['a'] }, 'methodology'],
      [{ ...sampleWorkflow, owner: 'me' }, 'body'],
      [{ ...sampleWorkflow, requestedBy: 'not an address' }, 'requestedBy'],
      [[sampleWorkflow], 'body'],
    ];
    for (const [json, field] of cases) {
      const problem = await expectProblem(await post(json), 400);
      expect(problem.errors, JSON.stringify(json)).toContainEqual(
        expect.objectContaining({ path: field }),
      );
      expect(problem.detail).toContain(field === 'body' ? 'Invalid body' : `${field}:`);
    }
    expect(await eventCount(t)).toBe(before);
  });

  it('answers 400 for no body, 415 for a body that is not JSON', async () => {
    await expectProblem(
      await route.POST(apiRequest('/api/v1/workflows', { method: 'POST' }), routeContext()),
      400,
    );
    const text = apiRequest('/api/v1/workflows', {
      method: 'POST',
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(await route.POST(text, routeContext()), 415);
  });

  it('needs the operator role', async () => {
    await expectProblem(await post(sampleWorkflow, AUDITOR_TOKEN), 403);
    await expectProblem(
      await route.POST(
        apiRequest('/api/v1/workflows', { method: 'POST', json: sampleWorkflow, token: null }),
        routeContext(),
      ),
      401,
    );
  });
});

describe('GET /api/v1/workflows', () => {
  const marker = `Tide pools ${Date.now()}`;
  let running: string;
  let drafts: string[];

  beforeAll(async () => {
    drafts = [
      await createWorkflow({ ...sampleWorkflow, title: `${marker} A` }),
      await createWorkflow({ ...sampleWorkflow, title: `${marker} B` }),
    ];
    running = await createWorkflow({ ...sampleWorkflow, title: `${marker} C` });
    await runCommands(running, { command: 'start' });
  });

  it('lists the read model, most recently changed first, with the state shape', async () => {
    const { workflows } = await listed(`search=${encodeURIComponent(marker)}`);
    expect(workflows.map((w) => w.workflowId)).toEqual([running, ...drafts.toReversed()]);
    expect(workflows[0]).toMatchObject({ status: 'running', version: 2, steps: [] });
  });

  it('filters by status and by title, ignoring case', async () => {
    const runningOnes = await listed(`status=running&search=${encodeURIComponent(marker)}`);
    expect(runningOnes.workflows.map((w) => w.workflowId)).toEqual([running]);
    const byTitle = await listed(`search=${encodeURIComponent(`${marker} b`.toUpperCase())}`);
    expect(byTitle.workflows.map((w) => w.workflowId)).toEqual([drafts[1]]);
    const none = await listed(`status=cancelled&search=${encodeURIComponent(marker)}`);
    expect(none).toEqual({ workflows: [], nextCursor: null, previousCursor: null });
  });

  it('pages with nextCursor', async () => {
    const search = `search=${encodeURIComponent(marker)}&limit=2`;
    const first = await listed(search);
    expect(first.workflows).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listed(`${search}&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.workflows, ...second.workflows].map((w) => w.workflowId)).toEqual([
      running,
      ...drafts.toReversed(),
    ]);
  });

  it('answers 400 for a status, limit or cursor it cannot use', async () => {
    for (const query of ['status=done', 'status=RUNNING', 'limit=0', 'limit=1001', 'cursor=abc']) {
      const problem = await expectProblem(await list(query), 400);
      expect(problem.detail).toContain(query.split('=')[0]);
    }
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await list('', null), 401);
  });
});
