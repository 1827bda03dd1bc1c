import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationList, verificationRunView } from '@/lib/api/integrity-schemas';
import { startBackgroundWorker } from '@/lib/background-worker';
import { getRuntime } from '@/lib/runtime';
import type { VerificationRun } from '@/lib/integrity/verification-runs';
import { operator, type TestDatabase } from '@/test/database';
import { apiRequest, AUDITOR_TOKEN, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let runs: typeof import('./route');
let run: typeof import('./[id]/route');
let cancel: typeof import('./[id]/cancel/route');
let verifyRoute: typeof import('../streams/[id]/verify/route');
let worker: { stop: () => Promise<void> };
const intact = `ledger-${randomUUID()}`;
const tampered = `ledger-${randomUUID()}`;

beforeAll(async () => {
  t = await useApiDatabase();
  runs = await import('./route');
  run = await import('./[id]/route');
  cancel = await import('./[id]/cancel/route');
  verifyRoute = await import('../streams/[id]/verify/route');
  for (const streamId of [intact, tampered]) {
    await t.store.append({
      actor: operator,
      streamId,
      events: [1, 2, 3, 4].map((n) => ({ type: 'Entry', data: { n } })),
    });
  }
  // As someone able to bypass the immutability trigger could.
  await t.db.$client.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`update events set data = '{"n": 30}' where stream_id = ${tampered} and stream_version = 3`;
  });
  worker = await startBackgroundWorker(await getRuntime());
});

afterAll(async () => {
  await worker.stop();
});

async function finished(id: string): Promise<VerificationRun> {
  for (let i = 0; i < 300; i++) {
    const response = await run.GET(apiRequest(`/api/v1/verifications/${id}`), routeContext({ id }));
    const view = verificationRunView.parse(await response.json());
    if (['succeeded', 'failed', 'cancelled'].includes(view.status)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verification ${id} did not finish`);
}

describe('verifications', () => {
  it('checks every stream as a job on the queue and names the broken ones, with who asked', async () => {
    const started = await runs.POST(
      apiRequest('/api/v1/verifications', { method: 'POST', token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(started.status).toBe(202);
    const { id } = verificationRunView.parse(await started.json());
    const again = await runs.POST(
      apiRequest('/api/v1/verifications', { method: 'POST' }),
      routeContext(),
    );
    // A second check of everything while the first is queued or running is refused, unless it is already done.
    expect([202, 409]).toContain(again.status);
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'succeeded', scope: 'all', requestedBy: 'test auditor' });
    expect(done.checkedStreams).toBe(done.totalStreams);
    expect(done.checkedStreams).toBeGreaterThanOrEqual(2);
    expect(done.invalid).toEqual([{ streamId: tampered, firstInvalidVersion: 3 }]);
    await expectProblem(
      await cancel.POST(
        apiRequest(`/api/v1/verifications/${id}/cancel`, { method: 'POST' }),
        routeContext({ id }),
      ),
      409,
    );
  });

  it('records a check of one stream with its result', async () => {
    const response = await verifyRoute.GET(
      apiRequest(`/api/v1/streams/${tampered}/verify`, { token: AUDITOR_TOKEN }),
      routeContext({ id: tampered }),
    );
    expect(await response.json()).toMatchObject({ valid: false, firstInvalidVersion: 3 });
    const list = await runs.GET(
      apiRequest(`/api/v1/verifications?streamId=${tampered}`),
      routeContext(),
    );
    const { runs: recorded } = verificationList.parse(await list.json());
    expect(recorded[0]).toMatchObject({
      scope: 'stream',
      streamId: tampered,
      status: 'succeeded',
      invalid: [{ streamId: tampered, firstInvalidVersion: 3 }],
      requestedBy: 'test auditor',
    });
  });

  it('answers 404 for an unknown run and 400 for a malformed id', async () => {
    const id = randomUUID();
    await expectProblem(
      await run.GET(apiRequest(`/api/v1/verifications/${id}`), routeContext({ id })),
      404,
    );
    await expectProblem(
      await run.GET(apiRequest('/api/v1/verifications/x'), routeContext({ id: 'x' })),
      400,
    );
  });
});
