import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { createChronicle, type Chronicle } from '../chronicle';
import { fold } from '../domain/aggregate';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import type { WorkflowCommand } from '../domain/workflow/commands';
import type { WorkflowEvent } from '../domain/workflow/events';
import { evolve } from '../domain/workflow/evolve';
import { createEventStore } from '../event-store';
import { EventRegistry } from '../event-store/registry';
import { diffStates } from '../temporal/diff';

let t: TestDatabase;
let chronicle: Chronicle;
beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({ db: t.db, snapshotEvery: 10, snapshotKeep: 2 });
});

const fields = {
  title: 'Sleep and memory',
  question: 'Does sleep help recall?',
  methodology: { design: 'RCT' },
};
const run = (
  workflowId: string,
  command: Exclude<WorkflowCommand, { command: 'create' }>,
  expectedVersion?: number,
) =>
  chronicle.research.runWorkflowCommand({ actor: operator, workflowId, command, expectedVersion });

async function startedWorkflow() {
  const { workflowId } = await chronicle.research.createWorkflow({ actor: operator, ...fields });
  await run(workflowId, { command: 'start' });
  return workflowId;
}

async function fullFold(workflowId: string) {
  const events = await chronicle.store.readForFold({
    actor: auditor,
    streamId: workflowStreamId(workflowId),
    afterVersion: 0,
  });
  return fold(
    evolve,
    events.map((e) => ({ type: e.type, data: e.data }) as WorkflowEvent),
  );
}

/** A random but valid history: steps added, started, completed or failed, pauses and resumes. */
async function randomHistory(workflowId: string, commands: number) {
  let pending: string[] = [];
  let running: string[] = [];
  let paused = false;
  for (let i = 0; i < commands; i++) {
    const roll = Math.random();
    if (paused) {
      await run(workflowId, { command: 'resume' });
      paused = false;
    } else if (roll < 0.1) {
      await run(workflowId, { command: 'pause', reason: `break ${i}` });
      paused = true;
    } else if (roll < 0.45 || (pending.length === 0 && running.length === 0)) {
      const stepId = `s${i}`;
      await run(workflowId, { command: 'addStep', stepId, title: `Step ${i}` });
      pending.push(stepId);
    } else if (running.length === 0 || (pending.length > 0 && roll < 0.7)) {
      const [stepId, ...rest] = pending;
      await run(workflowId, { command: 'startStep', stepId: stepId! });
      pending = rest;
      running.push(stepId!);
    } else {
      const [stepId, ...rest] = running;
      await run(
        workflowId,
        roll < 0.9
          ? { command: 'completeStep', stepId: stepId!, output: { n: i } }
          : { command: 'failStep', stepId: stepId!, error: 'x' },
      );
      running = rest;
    }
  }
}

describe('workflows through the repository', () => {
  it('create and each command append exactly one event and update the read model in the same transaction', async () => {
    const { workflowId, version } = await chronicle.research.createWorkflow({
      actor: operator,
      ...fields,
    });
    expect(version).toBe(1);
    expect(await chronicle.research.getWorkflow({ actor: auditor, workflowId })).toMatchObject({
      status: 'draft',
      version: 1,
    });
    await run(workflowId, { command: 'addStep', stepId: 'collect', title: 'Collect' });
    const started = await run(workflowId, { command: 'start' });
    expect(started.version).toBe(3);
    const view = await chronicle.research.getWorkflow({ actor: auditor, workflowId });
    expect(view).toMatchObject({
      workflowId,
      version: 3,
      status: 'running',
      title: fields.title,
      question: fields.question,
      methodology: fields.methodology,
      steps: [{ stepId: 'collect', title: 'Collect', status: 'pending' }],
    });
    const list = await chronicle.research.listWorkflows({
      actor: auditor,
      status: 'running',
      search: 'sleep and',
    });
    expect(list.workflows.map((w) => w.workflowId)).toContain(workflowId);
  });

  it('the read model keeps the business time of imported history', async () => {
    const occurredAt = new Date('2026-03-04T05:06:07.089Z');
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      ...fields,
      occurredAt,
    });
    const view = await chronicle.research.getWorkflow({ actor: auditor, workflowId });
    expect(view).toMatchObject({
      createdAt: occurredAt.toISOString(),
      updatedAt: occurredAt.toISOString(),
    });
  });

  it('a refused transition writes nothing', async () => {
    const { workflowId } = await chronicle.research.createWorkflow({ actor: operator, ...fields });
    await expect(run(workflowId, { command: 'pause' })).rejects.toMatchObject({ code: 'domain' });
    expect(
      (await chronicle.store.getStream({ actor: auditor, streamId: workflowStreamId(workflowId) }))
        .version,
    ).toBe(1);
  });

  it('a stale expectedVersion is a conflict naming the current version; without one, racing commands all land', async () => {
    const workflowId = await startedWorkflow();
    await expect(
      run(workflowId, { command: 'addStep', stepId: 'a', title: 'A' }, 1),
    ).rejects.toMatchObject({
      code: 'concurrency',
      details: { currentVersion: 2 },
    });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        run(workflowId, { command: 'addStep', stepId: `r${i}`, title: `R${i}` }),
      ),
    );
    const view = await chronicle.research.getWorkflow({ actor: auditor, workflowId });
    expect(view.steps).toHaveLength(6);
    expect(view.version).toBe(8);
  });

  it('unknown workflows are 404', async () => {
    await expect(
      chronicle.research.getWorkflow({ actor: auditor, workflowId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(run(randomUUID(), { command: 'start' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(run(randomUUID(), { command: 'start' }, 3)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('events carry the command correlation id and their causation', async () => {
    const correlationId = randomUUID();
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      ...fields,
      correlationId,
    });
    const started = await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'start' },
      correlationId,
    });
    expect(started.version).toBe(2);
    const stream = await chronicle.store.readStream({
      actor: auditor,
      streamId: workflowStreamId(workflowId),
    });
    await waitForHorizon(chronicle.store, stream.events.at(-1)!.position);
    const { events } = await chronicle.store.readAll({ actor: auditor, correlationId });
    expect(events.map((e) => e.type)).toEqual(['WorkflowCreated', 'WorkflowStarted']);
    for (const e of events) {
      expect(e.metadata.causationId).toBe(e.metadata.commandId);
      expect(e.metadata.actor).toBe(operator.id);
    }
  });

  it('a step done by an agent is recorded on the agent stream, caused by the workflow event', async () => {
    const agentId = `librarian-${randomUUID().slice(0, 8)}`;
    await chronicle.research.registerAgent({
      actor: operator,
      agentId,
      name: 'Librarian',
      model: 'gpt-x',
      capabilities: ['search'],
    });
    const workflowId = await startedWorkflow();
    await run(workflowId, { command: 'addStep', stepId: 'lit', title: 'Literature' });
    await expect(
      run(workflowId, { command: 'startStep', stepId: 'lit', agentId: 'agent-nobody' }),
    ).rejects.toMatchObject({
      code: 'domain',
    });
    await run(workflowId, { command: 'startStep', stepId: 'lit', agentId });
    await run(workflowId, {
      command: 'completeStep',
      stepId: 'lit',
      output: 'found 12 papers',
      usage: { tokensIn: 1000, tokensOut: 200, costUsd: 0.05, durationMs: 3000 },
    });
    const agent = await chronicle.research.getAgent({ actor: auditor, agentId });
    expect(agent?.totals).toMatchObject({
      tasks: 1,
      completed: 1,
      tokensIn: 1000,
      tokensOut: 200,
      costUsd: 0.05,
    });
    const [summary] = (await chronicle.research.listAgents({ actor: auditor })).filter(
      (a) => a.agentId === agentId,
    );
    expect(summary).toMatchObject({ tasks: 1, completed: 1, tokensIn: 1000, costUsd: 0.05 });
    const workflowEvents = await chronicle.store.readForFold({
      actor: auditor,
      streamId: workflowStreamId(workflowId),
      afterVersion: 0,
    });
    const agentEvents = await chronicle.store.readForFold({
      actor: auditor,
      streamId: `agent-${agentId}`,
      afterVersion: 1,
    });
    const stepStarted = workflowEvents.find((e) => e.type === 'StepStarted')!;
    expect(agentEvents[0]).toMatchObject({
      type: 'AgentTaskStarted',
      metadata: {
        causationId: stepStarted.eventId,
        correlationId: stepStarted.metadata.correlationId,
      },
    });
  });
});

describe('a step and its agent', () => {
  const register = async () => {
    const agentId = `agent-${randomUUID().slice(0, 8)}`;
    await chronicle.research.registerAgent({
      actor: operator,
      agentId,
      name: 'A',
      model: 'm',
      capabilities: [],
    });
    return agentId;
  };

  it('are written together or not at all', async () => {
    const agentId = await register();
    const workflowId = await startedWorkflow();
    await run(workflowId, { command: 'addStep', stepId: 's', title: 'S' });
    await run(workflowId, { command: 'startStep', stepId: 's', agentId });
    // The agent's task is closed behind the workflow's back: its record of the step must refuse.
    await chronicle.append({
      actor: operator,
      streamId: `agent-${agentId}`,
      events: [
        { type: 'AgentTaskFailed', data: { taskId: `${workflowId}:s`, error: 'closed elsewhere' } },
      ],
    });
    await expect(
      run(workflowId, { command: 'completeStep', stepId: 's', output: 'x' }),
    ).rejects.toMatchObject({
      code: 'domain',
    });
    const fresh = createChronicle({ db: t.db, cacheMaxBytes: 0 });
    const view = await fresh.repository.load(workflowAggregate, workflowStreamId(workflowId), {
      actor: auditor,
    });
    expect(view.version).toBe(4);
    expect((view.state as { steps: { status: string }[] }).steps[0]?.status).toBe('running');
  });

  it('concurrent steps of many workflows by one agent all land, the agent counting each', async () => {
    const agentId = await register();
    const workflows = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const workflowId = await startedWorkflow();
        await run(workflowId, { command: 'addStep', stepId: 's', title: 'S' });
        return workflowId;
      }),
    );
    await Promise.all(
      workflows.map((workflowId) =>
        run(workflowId, { command: 'startStep', stepId: 's', agentId }),
      ),
    );
    await Promise.all(
      workflows.map((workflowId) =>
        run(workflowId, {
          command: 'completeStep',
          stepId: 's',
          output: 'ok',
          usage: { tokensIn: 10, tokensOut: 1, costUsd: 0.5, durationMs: 0 },
        }),
      ),
    );
    const agent = await chronicle.research.getAgent({ actor: auditor, agentId });
    expect(agent?.totals).toMatchObject({ tasks: 8, completed: 8, tokensIn: 80, costUsd: 4 });
  });
});

describe('snapshots', () => {
  it('snapshot + tail equals a full fold, for random workflows', async () => {
    for (let n = 0; n < 5; n++) {
      const workflowId = await startedWorkflow();
      await randomHistory(workflowId, 15 + Math.floor(Math.random() * 30));
      await chronicle.repository.flush();
      const fresh = createChronicle({ db: t.db, snapshotEvery: 10, cacheMaxBytes: 0 });
      const loaded = await fresh.repository.load(workflowAggregate, workflowStreamId(workflowId), {
        actor: auditor,
      });
      expect(loaded.fromSnapshot).toBe(true);
      expect(loaded.state).toEqual(await fullFold(workflowId));
    }
  });

  it('are taken every N events, after commit', async () => {
    const workflowId = await startedWorkflow();
    for (let i = 0; i < 23; i++)
      await run(workflowId, { command: 'addStep', stepId: `s${i}`, title: `S${i}` });
    await chronicle.repository.flush();
    const rows = await t.db.$client<{ version: number }[]>`
      select version from snapshots where stream_id = ${workflowStreamId(workflowId)} order by version`;
    expect(rows.map((r) => r.version)).toEqual([10, 20]);
  });

  it('of an older state shape are ignored and counted', async () => {
    const workflowId = await startedWorkflow();
    for (let i = 0; i < 10; i++)
      await run(workflowId, { command: 'addStep', stepId: `s${i}`, title: `S${i}` });
    await chronicle.repository.flush();
    await t.db
      .$client`update snapshots set aggregate_schema_version = 0 where stream_id = ${workflowStreamId(workflowId)}`;
    const before = (await chronicle.snapshotStats({ actor: auditor })).staleIgnored;
    const fresh = createChronicle({ db: t.db, cacheMaxBytes: 0 });
    const loaded = await fresh.repository.load(workflowAggregate, workflowStreamId(workflowId), {
      actor: auditor,
    });
    expect(loaded.fromSnapshot).toBe(false);
    expect(loaded.state).toEqual(await fullFold(workflowId));
    const stats = await fresh.snapshotStats({ actor: auditor });
    expect(stats.staleIgnored).toBe(before + 1);
    expect(stats.staleStored).toBeGreaterThanOrEqual(1);
  });

  it('cleanup keeps the newest K per stream', async () => {
    const workflowId = await startedWorkflow();
    for (let i = 0; i < 38; i++)
      await run(workflowId, { command: 'addStep', stepId: `s${i}`, title: `S${i}` });
    await chronicle.repository.flush();
    const { removed } = await chronicle.cleanupSnapshots({ actor: operator });
    expect(removed).toBeGreaterThanOrEqual(1);
    const rows = await t.db.$client<{ version: number }[]>`
      select version from snapshots where stream_id = ${workflowStreamId(workflowId)} order by version`;
    expect(rows.map((r) => r.version)).toEqual([30, 40]);
    await expect(chronicle.cleanupSnapshots({ actor: auditor })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('stats report counts, sizes, ratio, timings and cache use', async () => {
    const stats = await chronicle.snapshotStats({ actor: auditor });
    expect(stats.snapshots).toBeGreaterThan(0);
    expect(stats.compressedBytes).toBeLessThan(stats.rawBytes);
    expect(stats.compressionRatio).toBeGreaterThan(1);
    expect(stats.creationMs.p50).not.toBeNull();
    expect(stats.cache.hits + stats.cache.misses).toBeGreaterThan(0);
  });
});

describe('the aggregate cache', () => {
  it('never serves a state older than the stream, even after appends by another process', async () => {
    const workflowId = await startedWorkflow();
    const streamId = workflowStreamId(workflowId);
    await chronicle.repository.load(workflowAggregate, streamId, { actor: auditor });
    const otherProcess = createChronicle({ db: t.db });
    await otherProcess.append({
      actor: operator,
      streamId,
      expectedVersion: 2,
      events: [{ type: 'StepAdded', data: { stepId: 'direct', title: 'Written directly' } }],
    });
    const loaded = await chronicle.repository.load(workflowAggregate, streamId, { actor: auditor });
    expect(loaded.version).toBe(3);
    expect((loaded.state as { steps: unknown[] }).steps).toHaveLength(1);
  });
});

describe('temporal queries', () => {
  it('state at a version, and before the first event', async () => {
    const workflowId = await startedWorkflow();
    for (let i = 0; i < 14; i++)
      await run(workflowId, { command: 'addStep', stepId: `s${i}`, title: `S${i}` });
    await chronicle.repository.flush();
    const streamId = workflowStreamId(workflowId);
    const at5 = await chronicle.stateAt({ actor: auditor, streamId, point: { version: 5 } });
    expect(at5).toMatchObject({ version: 5, fromSnapshot: false });
    expect((at5.state as { steps: unknown[] }).steps).toHaveLength(3);
    const at13 = await chronicle.stateAt({ actor: auditor, streamId, point: { version: 13 } });
    expect(at13.fromSnapshot).toBe(true);
    expect((at13.state as { steps: unknown[] }).steps).toHaveLength(11);
    expect(
      await chronicle.stateAt({ actor: auditor, streamId, point: { version: 0 } }),
    ).toMatchObject({ version: 0, state: null });
    await expect(
      chronicle.stateAt({ actor: auditor, streamId, point: { version: 99 } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('state at a recorded time and at an occurred time', async () => {
    const workflowId = randomUUID();
    const streamId = workflowStreamId(workflowId);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    // Imported history: business times in January, recorded now, one event recorded late.
    await chronicle.append({
      actor: operator,
      streamId,
      events: [
        { type: 'WorkflowCreated', data: { workflowId, ...fields }, occurredAt: day(1) },
        { type: 'WorkflowStarted', data: {}, occurredAt: day(2) },
        {
          type: 'StepAdded',
          data: { stepId: 'late', title: 'Recorded late, happened on the 3rd' },
          occurredAt: day(10),
        },
      ],
    });
    const beforeSecondBatch = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await chronicle.append({
      actor: operator,
      streamId,
      events: [
        {
          type: 'StepAdded',
          data: { stepId: 'early', title: 'Happened on the 3rd' },
          occurredAt: day(3),
        },
      ],
    });
    const byOccurred = await chronicle.stateAt({
      actor: auditor,
      streamId,
      point: { at: day(5), time: 'occurred' },
    });
    expect(byOccurred.version).toBe(4);
    expect(
      (byOccurred.state as { steps: { stepId: string }[] }).steps.map((s) => s.stepId),
    ).toEqual(['early']);
    const byRecorded = await chronicle.stateAt({
      actor: auditor,
      streamId,
      point: { at: beforeSecondBatch, time: 'recorded' },
    });
    expect(byRecorded.version).toBe(3);
    expect(
      (byRecorded.state as { steps: { stepId: string }[] }).steps.map((s) => s.stepId),
    ).toEqual(['late']);
    const beforeAll = await chronicle.stateAt({
      actor: auditor,
      streamId,
      point: { at: day(1 - 1), time: 'occurred' },
    });
    expect(beforeAll).toMatchObject({ version: 0, state: null });
  });

  it('diff names the fields that changed between two points, with old and new values', async () => {
    const workflowId = await startedWorkflow();
    await run(workflowId, { command: 'addStep', stepId: 'a', title: 'A' });
    await run(workflowId, { command: 'pause', reason: 'holiday' });
    const streamId = workflowStreamId(workflowId);
    const [v2, v4] = await Promise.all(
      [2, 4].map((version) => chronicle.stateAt({ actor: auditor, streamId, point: { version } })),
    );
    expect(diffStates(v2!.state, v4!.state)).toEqual([
      { path: 'status', change: 'changed', oldValue: 'running', newValue: 'paused' },
      {
        path: 'steps.0',
        change: 'added',
        newValue: { stepId: 'a', title: 'A', status: 'pending' },
      },
    ]);
  });
});

describe('upcasting on read', () => {
  it('a WorkflowCreated stored at schema version 1 (methodology as text) loads as version 2', async () => {
    const workflowId = randomUUID();
    const legacy = createEventStore({ db: t.db, registry: new EventRegistry() });
    await legacy.append({
      actor: operator,
      streamId: workflowStreamId(workflowId),
      events: [
        {
          type: 'WorkflowCreated',
          data: { workflowId, title: 'Old', question: 'Why?', methodology: 'Interviews, n=12' },
        },
      ],
    });
    const loaded = await chronicle.repository.load(
      workflowAggregate,
      workflowStreamId(workflowId),
      { actor: auditor },
    );
    expect(loaded.state).toMatchObject({
      methodology: { description: 'Interviews, n=12' },
      status: 'draft',
    });
    const raw = await chronicle.store.readStream({
      actor: auditor,
      streamId: workflowStreamId(workflowId),
      raw: true,
    });
    expect(raw.events[0]).toMatchObject({
      schemaVersion: 1,
      data: { methodology: 'Interviews, n=12' },
    });
  });
});
