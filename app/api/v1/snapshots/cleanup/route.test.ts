import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotCleanup } from '@/lib/api/state-schemas';
import { getChronicle } from '@/lib/runtime';
import type { TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  expectProblem,
  routeContext,
  runCommands,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  process.env.CHRONICLE_SNAPSHOT_EVERY = '2';
  process.env.CHRONICLE_SNAPSHOT_KEEP = '1';
  route = await import('./route');
});

const post = (token?: string | null) =>
  route.POST(apiRequest('/api/v1/snapshots/cleanup', { method: 'POST', token }), routeContext());

async function snapshotVersions(): Promise<number[]> {
  const rows = await t.db.$client<{ version: number }[]>`
    select version from snapshots order by version`;
  return rows.map((row) => row.version);
}

describe('POST /api/v1/snapshots/cleanup', () => {
  beforeAll(async () => {
    const workflowId = await createWorkflow();
    await runCommands(
      workflowId,
      { command: 'addStep', title: 'A' },
      { command: 'addStep', title: 'B' },
      { command: 'start' },
      { command: 'pause' },
      { command: 'resume' },
    );
    await (await getChronicle()).repository.flush();
  });

  it('needs the operator role and removes nothing otherwise', async () => {
    expect(await snapshotVersions()).toEqual([2, 4, 6]);
    await expectProblem(await post(AUDITOR_TOKEN), 403);
    await expectProblem(await post(null), 401);
    expect(await snapshotVersions()).toEqual([2, 4, 6]);
  });

  it("keeps each stream's newest snapshots, without a body or content type", async () => {
    const response = await post();
    expect(response.status).toBe(200);
    expect(snapshotCleanup.parse(await response.json())).toEqual({ removed: 2, kept: 1 });
    expect(await snapshotVersions()).toEqual([6]);
    expect(await (await post()).json()).toEqual({ removed: 0, kept: 1 });
  });
});
