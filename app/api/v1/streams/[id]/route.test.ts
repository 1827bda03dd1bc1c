import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamDetails } from '@/lib/api/schemas';
import { auditor, operator, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const get = (id: string, token?: string | null) =>
  route.GET(
    apiRequest(`/api/v1/streams/${encodeURIComponent(id)}`, { token }),
    routeContext({ id }),
  );

describe('GET /api/v1/streams/{id}', () => {
  it('answers the stream with the hash of its newest event', async () => {
    const streamId = `invoice-${randomUUID()}`;
    await t.store.append({
      actor: operator,
      streamId,
      events: [
        { type: 'Issued', data: {} },
        { type: 'Paid', data: {} },
      ],
    });
    const response = await get(streamId);
    expect(response.status).toBe(200);
    const body = streamDetails.parse(await response.json());
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    expect(body).toMatchObject({
      streamId,
      category: 'invoice',
      version: 2,
      lastHash: events[1]?.hash,
    });
  });

  it('answers 404 for an unknown stream', async () => {
    const problem = await expectProblem(await get(`invoice-${randomUUID()}`), 404);
    expect(problem.type).toBe('urn:chronicle:problem:not_found');
  });

  it('answers 400 for an id no stream can have', async () => {
    for (const id of ['a b', '', 'x'.repeat(201), '%E0%A4%A']) {
      await expectProblem(await get(id), 400);
    }
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await get('invoice-1', null), 401);
  });
});
