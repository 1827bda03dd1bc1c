import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotStats } from '@/lib/api/state-schemas';
import { getChronicle } from '@/lib/runtime';
import {
  apiRequest,
  createWorkflow,
  expectProblem,
  routeContext,
  runCommands,
  useApiDatabase,
} from '@/test/api';

let route: typeof import('./route');

beforeAll(async () => {
  await useApiDatabase();
  process.env.CHRONICLE_SNAPSHOT_EVERY = '2';
  route = await import('./route');
});

const get = (token?: string | null) =>
  route.GET(apiRequest('/api/v1/snapshots/stats', { token }), routeContext());

async function stats() {
  const response = await get();
  expect(response.status).toBe(200);
  return snapshotStats.parse(await response.json());
}

describe('GET /api/v1/snapshots/stats', () => {
  it('answers zeros and nulls before any snapshot', async () => {
    expect(await stats()).toMatchObject({
      snapshots: 0,
      streams: 0,
      rawBytes: 0,
      compressionRatio: null,
      creationMs: { p50: null, max: null },
      byAggregate: [],
    });
  });

  it('counts snapshots, bytes, compression and cache use per aggregate type', async () => {
    const workflowId = await createWorkflow();
    await runCommands(
      workflowId,
      { command: 'addStep', title: 'A' },
      { command: 'addStep', title: 'B' },
      { command: 'start' },
    );
    await (await getChronicle()).repository.flush();
    const body = await stats();
    expect(body).toMatchObject({
      snapshots: 2,
      streams: 1,
      byAggregate: [{ aggregateType: 'workflow', snapshots: 2 }],
    });
    expect(body.rawBytes).toBeGreaterThan(0);
    expect(body.compressedBytes).toBeGreaterThan(0);
    expect(body.compressionRatio).toBeGreaterThan(0);
    expect(body.creationMs.max).toBeGreaterThanOrEqual(0);
    expect(body.cache.entries).toBeGreaterThanOrEqual(1);
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await get(null), 401);
  });
});
