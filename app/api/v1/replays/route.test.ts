import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionView, replayList, replayView } from '@/lib/api/projection-schemas';
import { startBackgroundWorker } from '@/lib/background-worker';
import { getRuntime } from '@/lib/runtime';
import type { ReplayView } from '@/lib/projections/views';
import type { TestDatabase } from '@/test/database';
import { seedEvents } from '@/test/projections';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  expectProblem,
  OPERATOR_TOKEN,
  routeContext,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let replays: typeof import('./route');
let replay: typeof import('./[id]/route');
let progress: typeof import('./[id]/progress/route');
let cancel: typeof import('./[id]/cancel/route');
let projections: typeof import('../projections/route');
let worker: { stop: () => Promise<void> };

beforeAll(async () => {
  t = await useApiDatabase();
  process.env.CHRONICLE_REPLAY_BATCH_SIZE = '100';
  replays = await import('./route');
  replay = await import('./[id]/route');
  progress = await import('./[id]/progress/route');
  cancel = await import('./[id]/cancel/route');
  projections = await import('../projections/route');
  await createWorkflow();
  await seedEvents(t.store, { category: 'bulk', streams: 4, count: 3_000 });
  worker = await startBackgroundWorker(await getRuntime());
});

afterAll(async () => {
  await worker.stop();
});

const start = (body: unknown, token?: string) =>
  replays.POST(
    apiRequest('/api/v1/replays', { method: 'POST', json: body, token }),
    routeContext(),
  );

async function started(body: unknown) {
  const response = await start(body);
  expect(response.status).toBe(202);
  const answer = (await response.json()) as { replayId: string; status: string };
  expect(answer.status).toBe('queued');
  expect(response.headers.get('location')).toBe(`/api/v1/replays/${answer.replayId}`);
  return answer.replayId;
}

/** Reads a text/event-stream to its end: the `progress` events' data. */
async function readEvents(response: Response): Promise<ReplayView[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('event: progress\n'))
    .map((frame) => replayView.parse(JSON.parse(frame.split('\ndata: ')[1]!)) as ReplayView);
}

const watch = (id: string, token?: string) =>
  progress.GET(apiRequest(`/api/v1/replays/${id}/progress`, { token }), routeContext({ id }));

describe('GET /api/v1/projections', () => {
  it('lists every projection with its checkpoint, lag and status', async () => {
    const response = await projections.GET(
      apiRequest('/api/v1/projections', { token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const list = projectionView.array().parse(await response.json());
    expect(list.map((p) => p.name)).toEqual([
      'workflow-summary',
      'agent-summary',
      'agent-activity',
      'event-stats',
    ]);
    for (const p of list) expect(p).toMatchObject({ status: 'running', failures: 0 });
  });
});

describe('replays over REST', () => {
  it('a full rebuild streams its progress as Server-Sent Events until it succeeds', async () => {
    const id = await started({ projection: 'event-stats', mode: 'full' });
    const response = await watch(id, AUDITOR_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = await readEvents(response);
    expect(frames.length).toBeGreaterThan(2);
    expect(frames[0]!.status).toMatch(/queued|running/);
    const last = frames.at(-1)!;
    expect(last).toMatchObject({ status: 'succeeded', replayId: id, projection: 'event-stats' });
    expect(last.processed).toBe(last.total);
    expect(frames.some((f) => f.status === 'running' && f.processed < last.total)).toBe(true);
    // Late: the current state at once, and the stream ends.
    expect(await readEvents(await watch(id))).toEqual([last]);

    const got = await replay.GET(apiRequest(`/api/v1/replays/${id}`), routeContext({ id }));
    expect(replayView.parse(await got.json())).toEqual(last);
    const listed = await replays.GET(
      apiRequest('/api/v1/replays?projection=event-stats', { token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(replayList.parse(await listed.json()).replays[0]).toEqual(last);
  });

  it('cancel: 202 and the replay ends cancelled; again, 409', async () => {
    const id = await started({ projection: 'workflow-summary', mode: 'full' });
    const response = await cancel.POST(
      apiRequest(`/api/v1/replays/${id}/cancel`, { method: 'POST', token: OPERATOR_TOKEN }),
      routeContext({ id }),
    );
    expect(response.status).toBe(202);
    const frames = await readEvents(await watch(id));
    expect(frames.at(-1)!.status).toMatch(/cancelled|succeeded/);
    const again = await cancel.POST(
      apiRequest(`/api/v1/replays/${id}/cancel`, { method: 'POST' }),
      routeContext({ id }),
    );
    await expectProblem(again, 409);
  });

  it('refuses what cannot be done with a problem that says why', async () => {
    await expectProblem(await start({ projection: 'nope', mode: 'full' }), 404);
    await expectProblem(await start({ projection: 'event-stats', mode: 'sideways' }), 400);
    await expectProblem(await start({ projection: 'workflow-summary', mode: 'incremental' }), 422);
    await expectProblem(
      await start({ projection: 'event-stats', mode: 'full' }, AUDITOR_TOKEN),
      403,
    );
    const unknown = randomUUID();
    await expectProblem(await watch(unknown), 404);
    await expectProblem(
      await replay.GET(apiRequest(`/api/v1/replays/${unknown}`), routeContext({ id: unknown })),
      404,
    );
    await expectProblem(
      await replay.GET(apiRequest('/api/v1/replays/x'), routeContext({ id: 'x' })),
      400,
    );
  });

  it('one replay per projection at a time: 409 names the running one', async () => {
    await t.db.$client`
      insert into replays (id, projection, mode, status, launched_by)
      values (${randomUUID()}, 'agent-activity', 'full', 'running', 'elsewhere')`;
    const problem = await expectProblem(
      await start({ projection: 'agent-activity', mode: 'incremental' }),
      409,
    );
    expect(problem.replayId).toEqual(expect.any(String));
  });
});
