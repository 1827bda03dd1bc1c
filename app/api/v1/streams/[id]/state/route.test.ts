import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamState } from '@/lib/api/state-schemas';
import { createEventStore } from '@/lib/event-store';
import { EventRegistry } from '@/lib/event-store/registry';
import { getChronicle } from '@/lib/runtime';
import { operator, type TestDatabase } from '@/test/database';
import {
  apiRequest,
  createWorkflow,
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
  // Small, so that a short history has snapshots to build from; read when the runtime starts.
  process.env.CHRONICLE_SNAPSHOT_EVERY = '4';
  route = await import('./route');
});

const get = (streamId: string, query: string) =>
  route.GET(
    apiRequest(`/api/v1/streams/${encodeURIComponent(streamId)}/state?${query}`),
    routeContext({ id: streamId }),
  );

async function stateAt(streamId: string, query: string) {
  const response = await get(streamId, query);
  expect(response.status, query).toBe(200);
  return streamState.parse(await response.json());
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/v1/streams/{id}/state', () => {
  let streamId: string;
  let beforeFirst: string;
  let afterStart: string;

  beforeAll(async () => {
    const workflowId = await createWorkflow();
    streamId = `workflow-${workflowId}`;
    await runCommands(workflowId, { command: 'start' });
    // A gap after version 2, so that a millisecond after it is still before version 3.
    await pause(5);
    await runCommands(
      workflowId,
      { command: 'addStep', stepId: 'a', title: 'A' },
      { command: 'addStep', stepId: 'b', title: 'B' },
      { command: 'startStep', stepId: 'a' },
    );
    await (await getChronicle()).repository.flush();
    // From the recorded times themselves: the test's clock need not agree with the database's.
    const { events } = await t.store.readStream({ actor: operator, streamId });
    const shifted = (version: number, ms: number) =>
      new Date(Date.parse(events[version - 1]?.recordedAt ?? '') + ms).toISOString();
    beforeFirst = shifted(1, -1);
    afterStart = shifted(2, 1);
  });

  it('answers the state at a version, and when that version was recorded', async () => {
    const first = await stateAt(streamId, 'version=1');
    expect(first).toMatchObject({
      streamId,
      version: 1,
      fromSnapshot: false,
      state: { status: 'draft', steps: [], ...sampleWorkflow },
    });
    const { events } = await t.store.readStream({ actor: operator, streamId });
    expect(first.at).toBe(events[0]?.recordedAt);
    expect((await stateAt(streamId, 'version=3')).state).toMatchObject({
      status: 'running',
      steps: [{ stepId: 'a', status: 'pending' }],
    });
  });

  it('builds from the snapshot taken at version 4', async () => {
    const fromSnapshot = await stateAt(streamId, 'version=5');
    expect(fromSnapshot).toMatchObject({ version: 5, fromSnapshot: true });
    expect(fromSnapshot.state).toMatchObject({
      steps: [
        { stepId: 'a', status: 'running' },
        { stepId: 'b', status: 'pending' },
      ],
    });
  });

  it('answers the state at a recorded time', async () => {
    const atTime = await stateAt(streamId, `at=${afterStart}`);
    expect(atTime).toMatchObject({ version: 2, at: afterStart, state: { status: 'running' } });
    expect(await stateAt(streamId, `at=${afterStart}&time=recorded`)).toEqual(atTime);
  });

  it('answers version 0 and a null state before the first event', async () => {
    expect(await stateAt(streamId, `at=${encodeURIComponent(beforeFirst)}`)).toEqual({
      streamId,
      version: 0,
      at: beforeFirst,
      state: null,
      fromSnapshot: false,
    });
    expect(await stateAt(streamId, 'version=0')).toMatchObject({ version: 0, state: null });
  });

  it('reads business time with time=occurred', async () => {
    const workflowId = randomUUID();
    const imported = `workflow-${workflowId}`;
    const chronicle = await getChronicle();
    await chronicle.research.createWorkflow({
      actor: operator,
      workflowId,
      ...sampleWorkflow,
      occurredAt: new Date('2020-03-01T00:00:00Z'),
    });
    const at = '2021-01-01T00:00:00.000Z';
    expect(await stateAt(imported, `at=${at}&time=occurred`)).toMatchObject({
      version: 1,
      at,
      state: { workflowId, status: 'draft' },
    });
    expect(await stateAt(imported, `at=${at}`)).toMatchObject({ version: 0, state: null });
  });

  it('answers the current state when neither version nor at is given', async () => {
    const current = await stateAt(streamId, '');
    expect(current).toMatchObject({ version: 5, state: { status: 'running' } });
    expect(current.at).toBe((await stateAt(streamId, 'version=5')).at);
  });

  it('answers 400 unless at most one of version and at is given, well formed', async () => {
    const cases: [string, string][] = [
      [`version=1&at=${afterStart}`, 'give either version or at, not both'],
      ['version=1&time=occurred', 'time goes with at, not with version'],
      ['time=recorded', 'time goes with at, not with version or alone'],
      [`at=${afterStart}&time=business`, 'time'],
      ['at=yesterday', 'at'],
      ['at=2026-01-02T03:04:05', 'at'],
      ['version=-1', 'version'],
      ['version=x', 'version: must be an integer ≥ 0'],
      ['version=1.5', 'version'],
    ];
    for (const [query, message] of cases) {
      const problem = await expectProblem(await get(streamId, query), 400);
      expect(problem.detail, query).toContain(message);
    }
  });

  it('answers 404 for an unknown stream or a version beyond the newest', async () => {
    await expectProblem(await get(`workflow-${randomUUID()}`, 'version=1'), 404);
    const beyond = await expectProblem(await get(streamId, 'version=6'), 404);
    expect(beyond.detail).toContain('its version is 5');
  });

  it('answers 422 for a stream of a category with no state, 400 for an impossible id', async () => {
    const invoice = `invoice-${randomUUID()}`;
    await t.store.append({
      actor: operator,
      streamId: invoice,
      events: [{ type: 'Issued', data: {} }],
    });
    const problem = await expectProblem(await get(invoice, 'version=1'), 422);
    expect(problem.detail).toContain('invoice');
    await expectProblem(await get('a b', 'version=1'), 400);
  });

  it('answers 409 naming the stream and version for a stored history that forges another workflow', async () => {
    const legacy = createEventStore({ db: t.db, registry: new EventRegistry() });
    const streamId = `workflow-${randomUUID()}`;
    const other = randomUUID();
    const data = { workflowId: other, title: 'Forged', question: 'Q?', methodology: {} };
    await legacy.append({ actor: operator, streamId, events: [{ type: 'WorkflowCreated', data }] });
    for (const query of ['', 'version=1', `at=${new Date().toISOString()}&time=occurred`]) {
      const problem = await expectProblem(await get(streamId, query), 409);
      expect(problem).toMatchObject({ streamId, version: 1, eventType: 'WorkflowCreated' });
      expect(problem.detail).toContain(`it creates workflow ${other}`);
    }
  });

  it('answers 400 for a time outside years 0001-9999, with or without time=occurred', async () => {
    const streamId = `workflow-${await createWorkflow()}`;
    for (const query of [
      'at=0000-01-01T00:00:00Z',
      'at=0000-01-01T00:00:00Z&time=occurred',
      'at=9999-12-31T23:59:59.999-01:00&time=recorded',
    ]) {
      const problem = await expectProblem(await get(streamId, query), 400);
      expect(problem.errors).toEqual([
        expect.objectContaining({
          path: 'at',
          message: expect.stringMatching(/from 0001-01-01/) as unknown,
        }),
      ]);
    }
    expect((await stateAt(streamId, 'at=0001-01-01T00:00:00Z&time=occurred')).version).toBe(0);
  });
});
