import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { createChronicle, type Chronicle } from '../chronicle';

let t: TestDatabase;
let chronicle: Chronicle;
beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({ db: t.db, snapshotEvery: 1000 });
});

async function workflowWithSteps(steps: number) {
  const { workflowId } = await chronicle.research.createWorkflow({
    actor: operator,
    title: 'Sleep and memory',
    question: 'Does sleep help recall?',
    methodology: {},
  });
  for (let i = 0; i < steps; i++) {
    await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'addStep', stepId: `s${i}`, title: `Step ${i}` },
    });
  }
  return `workflow-${workflowId}`;
}

describe('takeSnapshot', () => {
  it('stores the current state at the current version, listed with its sizes and time', async () => {
    const streamId = await workflowWithSteps(2);
    expect(await chronicle.streamSnapshots({ actor: auditor, streamId })).toEqual([]);
    expect(await chronicle.takeSnapshot({ actor: operator, streamId })).toEqual({
      streamId,
      version: 3,
    });
    const [row, ...rest] = await chronicle.streamSnapshots({ actor: auditor, streamId });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ version: 3, aggregateType: 'workflow' });
    expect(row!.rawBytes).toBeGreaterThan(0);
    expect(row!.compressedBytes).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(row!.createdAt)).toBeLessThan(60_000);
    const state = await chronicle.stateAt({ actor: auditor, streamId, point: { version: 3 } });
    expect(state.fromSnapshot).toBe(true);
    const days = await chronicle.snapshotsByDay({ actor: auditor, days: 7 });
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.snapshots).toBeGreaterThanOrEqual(1);
  });

  it('is refused to an auditor and writes nothing', async () => {
    const streamId = await workflowWithSteps(1);
    await expect(chronicle.takeSnapshot({ actor: auditor, streamId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await chronicle.streamSnapshots({ actor: auditor, streamId })).toEqual([]);
  });

  it('refuses a stream of no known aggregate type, and an unknown stream', async () => {
    await expect(
      chronicle.takeSnapshot({ actor: operator, streamId: `misc-${randomUUID()}` }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(
      chronicle.takeSnapshot({ actor: operator, streamId: `workflow-${randomUUID()}` }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
