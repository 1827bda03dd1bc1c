import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflow } from '@/lib/api/workflow-schemas';
import {
  apiRequest,
  createWorkflow,
  expectProblem,
  routeContext,
  sampleWorkflow,
  useApiDatabase,
} from '@/test/api';

let route: typeof import('./route');

beforeAll(async () => {
  await useApiDatabase();
  route = await import('./route');
});

const get = (id: string, token?: string | null) =>
  route.GET(apiRequest(`/api/v1/workflows/${id}`, { token }), routeContext({ id }));

describe('GET /api/v1/workflows/{id}', () => {
  it("answers the workflow's state with its version", async () => {
    const workflowId = await createWorkflow();
    const response = await get(workflowId);
    expect(response.status).toBe(200);
    expect(workflow.parse(await response.json())).toEqual({
      workflowId,
      version: 1,
      status: 'draft',
      ...sampleWorkflow,
      steps: [],
      createdAt: expect.any(String) as unknown,
      updatedAt: expect.any(String) as unknown,
    });
  });

  it('reads an id in capitals as the same workflow: UUIDs compare without case', async () => {
    const workflowId = await createWorkflow();
    const response = await get(workflowId.toUpperCase());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ workflowId });
  });

  it('answers 404 for an unknown workflow and 400 for an id that is not a UUID', async () => {
    const unknown = await expectProblem(await get(randomUUID()), 404);
    expect(unknown.type).toBe('urn:chronicle:problem:not_found');
    for (const id of ['abc', `${randomUUID()}x`, 'workflow-1']) {
      const problem = await expectProblem(await get(id), 400);
      expect(problem.detail).toBe('Invalid workflow id in the path: must be a UUID');
    }
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await get(randomUUID(), null), 401);
  });
});
