import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateDiff } from '@/lib/api/state-schemas';
import {
  apiRequest,
  createWorkflow,
  expectProblem,
  routeContext,
  runCommands,
  sampleWorkflow,
  useApiDatabase,
} from '@/test/api';

let route: typeof import('./route');
let streamId: string;

beforeAll(async () => {
  await useApiDatabase();
  route = await import('./route');
  const workflowId = await createWorkflow();
  streamId = `workflow-${workflowId}`;
  await runCommands(
    workflowId,
    { command: 'start' },
    { command: 'addStep', stepId: 'a', title: 'A' },
    { command: 'startStep', stepId: 'a' },
  );
});

const get = (query: string, id = streamId) =>
  route.GET(
    apiRequest(`/api/v1/streams/${encodeURIComponent(id)}/diff?${query}`),
    routeContext({ id }),
  );

async function changes(query: string) {
  const response = await get(query);
  expect(response.status, query).toBe(200);
  return stateDiff.parse(await response.json());
}

describe('GET /api/v1/streams/{id}/diff', () => {
  it('lists the fields that changed between two versions, with old and new values', async () => {
    expect(await changes('from=1&to=2')).toEqual({
      streamId,
      from: 1,
      to: 2,
      changes: [{ path: 'status', change: 'changed', oldValue: 'draft', newValue: 'running' }],
    });
    expect((await changes('from=2&to=4')).changes).toEqual([
      {
        path: 'steps.0',
        change: 'added',
        newValue: { stepId: 'a', title: 'A', status: 'running' },
      },
    ]);
    expect((await changes('from=3&to=4')).changes).toEqual([
      { path: 'steps.0.status', change: 'changed', oldValue: 'pending', newValue: 'running' },
    ]);
  });

  it('shows the whole state added from version 0, and the reverse change backwards', async () => {
    const [created] = (await changes('from=0&to=1')).changes;
    expect(created).toMatchObject({
      path: '(whole state)',
      change: 'changed',
      oldValue: null,
      newValue: { status: 'draft', ...sampleWorkflow },
    });
    expect((await changes('from=2&to=1')).changes).toEqual([
      { path: 'status', change: 'changed', oldValue: 'running', newValue: 'draft' },
    ]);
    expect((await changes('from=3&to=3')).changes).toEqual([]);
  });

  it('answers 400 without both versions, 404 beyond the newest or for an unknown stream', async () => {
    for (const query of ['from=1', 'to=2', '', 'from=x&to=2', 'from=-1&to=2']) {
      await expectProblem(await get(query), 400);
    }
    const missing = await expectProblem(await get('from=1'), 400);
    expect(missing.detail).toBe('Invalid query: to: must be an integer ≥ 0');
    await expectProblem(await get('from=1&to=9'), 404);
    await expectProblem(await get('from=0&to=1', `workflow-${randomUUID()}`), 404);
  });
});
