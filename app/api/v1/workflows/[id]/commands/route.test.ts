import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflow, workflowVersion } from '@/lib/api/workflow-schemas';
import { createEventStore } from '@/lib/event-store';
import { EventRegistry } from '@/lib/event-store/registry';
import { getChronicle } from '@/lib/runtime';
import { operator, type TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  eventCount,
  expectProblem,
  routeContext,
  runCommands,
  sendCommand,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let readRoute: typeof import('../route');

beforeAll(async () => {
  t = await useApiDatabase();
  readRoute = await import('../route');
});

async function stateOf(workflowId: string) {
  const response = await readRoute.GET(
    apiRequest(`/api/v1/workflows/${workflowId}`),
    routeContext({ id: workflowId }),
  );
  expect(response.status).toBe(200);
  return workflow.parse(await response.json());
}

async function accepted(workflowId: string, body: object) {
  const response = await sendCommand(workflowId, body);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return workflowVersion.parse(await response.json());
}

describe('POST /api/v1/workflows/{id}/commands', () => {
  it('takes a workflow through its whole life, one event and one version per command', async () => {
    const agentId = `agent-${randomUUID()}`;
    const chronicle = await getChronicle();
    await chronicle.research.registerAgent({
      actor: operator,
      agentId,
      name: 'Reader',
      model: 'test-model',
      capabilities: ['reading'],
    });
    const workflowId = await createWorkflow();
    const commands = [
      { command: 'addStep', stepId: 'collect', title: 'Collect word lists' },
      { command: 'addStep', stepId: 'score', title: 'Score recall' },
      { command: 'start' },
      { command: 'startStep', stepId: 'collect', agentId },
      { command: 'completeStep', stepId: 'collect', output: { lists: 12 } },
      { command: 'pause', reason: 'waiting for participants' },
      { command: 'resume' },
      { command: 'startStep', stepId: 'score' },
      { command: 'failStep', stepId: 'score', error: 'scorer crashed' },
      { command: 'complete', summary: 'Recall improved after sleep' },
    ];
    for (const [i, command] of commands.entries()) {
      expect(await accepted(workflowId, command)).toEqual({ workflowId, version: i + 2 });
    }
    expect(await stateOf(workflowId)).toMatchObject({
      version: 11,
      status: 'completed',
      summary: 'Recall improved after sleep',
      steps: [
        { stepId: 'collect', status: 'completed', agentId, output: { lists: 12 } },
        { stepId: 'score', status: 'failed', error: 'scorer crashed' },
      ],
    });
  });

  it('gives a step without a stepId a new one', async () => {
    const workflowId = await createWorkflow();
    await accepted(workflowId, { command: 'addStep', title: 'Read the literature' });
    const [step] = (await stateOf(workflowId)).steps;
    expect(step).toMatchObject({ title: 'Read the literature', status: 'pending' });
    expect(step?.stepId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ends a workflow failed or cancelled with the reason', async () => {
    const failed = await createWorkflow();
    await runCommands(failed, { command: 'start' }, { command: 'fail', reason: 'no funding' });
    expect(await stateOf(failed)).toMatchObject({ status: 'failed', reason: 'no funding' });
    const cancelled = await createWorkflow();
    await runCommands(cancelled, { command: 'cancel', reason: 'duplicate' });
    expect(await stateOf(cancelled)).toMatchObject({ status: 'cancelled', reason: 'duplicate' });
  });

  it('checks expectedVersion: 409 with currentVersion when stale', async () => {
    const workflowId = await createWorkflow();
    expect(await accepted(workflowId, { command: 'start', expectedVersion: 1 })).toEqual({
      workflowId,
      version: 2,
    });
    const before = await eventCount(t);
    const stale = await sendCommand(workflowId, { command: 'pause', expectedVersion: 1 });
    const problem = await expectProblem(stale, 409);
    expect(problem).toMatchObject({ type: 'urn:chronicle:problem:concurrency', currentVersion: 2 });
    expect(await eventCount(t)).toBe(before);
  });

  it('answers 422 for a refused transition, saying which and why', async () => {
    const workflowId = await createWorkflow();
    const before = await eventCount(t);
    const cases: [object, string][] = [
      [
        { command: 'pause' },
        'Cannot pause workflow (status draft): only a running workflow can be changed so',
      ],
      [
        { command: 'complete', summary: 'done' },
        'Cannot complete workflow (status draft): only a running workflow can be changed so',
      ],
      [{ command: 'startStep', stepId: 'nope' }, 'Cannot startStep workflow (status draft)'],
    ];
    for (const [body, message] of cases) {
      const problem = await expectProblem(await sendCommand(workflowId, body), 422);
      expect(problem.type).toBe('urn:chronicle:problem:domain');
      expect(problem.detail).toContain(message);
    }
    await runCommands(
      workflowId,
      { command: 'start' },
      { command: 'addStep', stepId: 's', title: 'S' },
    );
    const refusals: [object, string][] = [
      [
        { command: 'startStep', stepId: 'nope' },
        'Cannot startStep workflow (status running): it has no step nope',
      ],
      [
        { command: 'startStep', stepId: 's', agentId: 'ghost' },
        'Cannot assign the step: agent ghost is not registered',
      ],
      [
        { command: 'complete', summary: 'done' },
        'Cannot complete workflow (status running): 1 step(s) are not finished: S',
      ],
    ];
    for (const [body, message] of refusals) {
      expect((await expectProblem(await sendCommand(workflowId, body), 422)).detail).toBe(message);
    }
    expect(await eventCount(t)).toBe(before + 2);
  });

  it('answers 422 for any command on a finished workflow', async () => {
    const workflowId = await createWorkflow();
    await runCommands(workflowId, { command: 'cancel', reason: 'scope changed' });
    const problem = await expectProblem(await sendCommand(workflowId, { command: 'resume' }), 422);
    expect(problem.detail).toBe(
      'Cannot resume workflow (status cancelled): only a paused workflow can be changed so',
    );
  });

  it('answers 404 for an unknown workflow, with or without expectedVersion', async () => {
    const before = await eventCount(t);
    for (const body of [
      { command: 'start' },
      { command: 'start', expectedVersion: 0 },
      { command: 'start', expectedVersion: 3 },
    ]) {
      const problem = await expectProblem(await sendCommand(randomUUID(), body), 404);
      expect(problem.type).toBe('urn:chronicle:problem:not_found');
    }
    expect(await eventCount(t)).toBe(before);
  });

  it('answers 400 for a body or id it cannot read, naming the field, and writes nothing', async () => {
    const workflowId = await createWorkflow();
    const before = await eventCount(t);
    const cases: [unknown, string][] = [
      [{ command: 'launch' }, 'command'],
      [{}, 'command'],
      [{ command: 'start', expectedVersion: 'x' }, 'expectedVersion'],
      [{ command: 'start', expectedVersion: -1 }, 'expectedVersion'],
      [{ command: 'start', expectedversion: 0 }, 'body'],
      [{ command: 'addStep' }, 'title'],
      [{ command: 'addStep', title: 'x'.repeat(201) }, 'title'],
      [{ command: 'startStep' }, 'stepId'],
      [{ command: 'completeStep', stepId: 's', output: 42 }, 'output'],
      [{ command: 'fail', reason: '' }, 'reason'],
      ['start', 'body'],
    ];
    for (const [body, field] of cases) {
      const problem = await expectProblem(await sendCommand(workflowId, body), 400);
      expect(problem.errors, JSON.stringify(body)).toContainEqual(
        expect.objectContaining({ path: field }),
      );
    }
    const unknownCommand = await expectProblem(
      await sendCommand(workflowId, { command: 'launch' }),
      400,
    );
    expect(unknownCommand.detail).toContain("Expected 'start' | 'pause'");
    const badId = await expectProblem(await sendCommand('abc', { command: 'start' }), 400);
    expect(badId.detail).toBe('Invalid workflow id in the path: must be a UUID');
    expect(await eventCount(t)).toBe(before);
  });

  it('needs the operator role', async () => {
    const workflowId = await createWorkflow();
    await expectProblem(
      await sendCommand(workflowId, { command: 'start' }, { token: AUDITOR_TOKEN }),
      403,
    );
    await expectProblem(await sendCommand(workflowId, { command: 'start' }, { token: null }), 401);
    expect((await stateOf(workflowId)).status).toBe('draft');
  });

  it('answers 409 naming the stream and version for a stored history the workflow cannot fold', async () => {
    // Written before aggregate streams checked their appends: the store without the domain.
    const legacy = createEventStore({ db: t.db, registry: new EventRegistry() });
    const workflowId = randomUUID();
    await legacy.append({
      actor: operator,
      streamId: `workflow-${workflowId}`,
      events: [{ type: 'WorkflowStarted', data: {} }],
    });
    const problem = await expectProblem(await sendCommand(workflowId, { command: 'pause' }), 409);
    expect(problem).toMatchObject({
      type: 'urn:chronicle:problem:unfoldable',
      streamId: `workflow-${workflowId}`,
      version: 1,
      eventType: 'WorkflowStarted',
    });
    expect(problem.detail).toBe(
      `Stream workflow-${workflowId} cannot be read as a workflow: version 1 (WorkflowStarted) cannot follow the events before it: Cannot start workflow: it does not exist`,
    );
  });
});
