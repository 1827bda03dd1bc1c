import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyResult } from '@/lib/api/schemas';
import { auditor, operator, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const verify = async (id: string) => {
  const path = `/api/v1/streams/${encodeURIComponent(id)}/verify`;
  return route.GET(apiRequest(path), routeContext({ id }));
};

async function streamOf(count: number): Promise<string> {
  const streamId = `ledger-${randomUUID()}`;
  const events = Array.from({ length: count }, (_, n) => ({ type: 'Posted', data: { n } }));
  await t.store.append({ actor: operator, streamId, events });
  return streamId;
}

describe('GET /api/v1/streams/{id}/verify', () => {
  it('confirms an intact chain and gives its head hash', async () => {
    const streamId = await streamOf(3);
    const response = await verify(streamId);
    expect(response.status).toBe(200);
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    expect(verifyResult.parse(await response.json())).toEqual({
      streamId,
      valid: true,
      checkedEvents: 3,
      firstInvalidVersion: null,
      headHash: events[2]?.hash,
      anchorVersion: 0,
    });
  });

  it('names the first version whose stored data no longer matches its hash', async () => {
    const streamId = await streamOf(3);
    // Tampering as a DBA could: the immutability triggers do not fire for a replica session.
    await t.db.$client.begin(async (sql) => {
      await sql`set local session_replication_role = replica`;
      await sql`update events set data = '{"n": 99}' where stream_id = ${streamId} and stream_version = 2`;
    });
    const body = verifyResult.parse(await (await verify(streamId)).json());
    expect(body).toMatchObject({ valid: false, checkedEvents: 1, firstInvalidVersion: 2 });
  });

  it('answers 404 for an unknown stream', async () => {
    await expectProblem(await verify(`ledger-${randomUUID()}`), 404);
  });
});
