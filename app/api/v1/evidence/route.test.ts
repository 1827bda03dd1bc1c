import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidence } from '@/bin/verify-evidence.mjs';
import { digestList, digestView } from '@/lib/api/integrity-schemas';
import { generateSigningKeyPem, loadSigningKey } from '@/lib/integrity/signing-key';
import type { TestDatabase } from '@/test/database';
import { operator, waitForHorizon } from '@/test/database';
import { apiRequest, AUDITOR_TOKEN, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let evidence: typeof import('./route');
let digests: typeof import('../digests/route');
let latest: typeof import('../digests/latest/route');
const pem = generateSigningKeyPem();
const publicKey = loadSigningKey(pem).publicKey;
const streams = [`case-${randomUUID()}`, `case-${randomUUID()}`];

beforeAll(async () => {
  t = await useApiDatabase();
  process.env.CHRONICLE_SIGNING_KEY = pem;
  evidence = await import('./route');
  digests = await import('../digests/route');
  latest = await import('../digests/latest/route');
  for (const streamId of streams) {
    const { positions } = await t.store.append({
      actor: operator,
      streamId,
      events: [1, 2, 3].map((n) => ({ type: 'Noted', data: { n, text: `note ${n}` } })),
    });
    await waitForHorizon(t.store, positions.at(-1)!);
  }
});

const get = (path: string, token = AUDITOR_TOKEN) =>
  evidence.GET(apiRequest(path, { token }), routeContext());

describe('GET /api/v1/digests and /digests/latest', () => {
  it('answers 404 before the first digest, then the digest an auditor takes', async () => {
    await expectProblem(
      await latest.GET(apiRequest('/api/v1/digests/latest'), routeContext()),
      404,
    );
    const taken = await digests.POST(
      apiRequest('/api/v1/digests', { method: 'POST', token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(taken.status).toBe(201);
    const digest = digestView.parse(await taken.json());
    expect(digest.publicKey).toBe(publicKey);
    const read = await latest.GET(apiRequest('/api/v1/digests/latest'), routeContext());
    expect(digestView.parse(await read.json())).toEqual(digest);
    const list = await digests.GET(apiRequest('/api/v1/digests?limit=1'), routeContext());
    expect(digestList.parse(await list.json())).toEqual([digest]);
    expect(list.headers.get('link')).toBeNull();
    await digests.POST(apiRequest('/api/v1/digests', { method: 'POST' }), routeContext());
    const first = await digests.GET(apiRequest('/api/v1/digests?limit=1'), routeContext());
    const [newer] = digestList.parse(await first.json());
    expect(newer!.id).toBeGreaterThan(digest.id);
    const nextLink = /^<(\/api\/v1\/digests\?cursor=[\w-]+&limit=1)>; rel="next"$/.exec(
      first.headers.get('link') ?? '',
    );
    expect(nextLink).not.toBeNull();
    const next = await digests.GET(apiRequest(nextLink![1]!), routeContext());
    const prevLink = /<(\/api\/v1\/digests\?cursor=[\w-]+&limit=1)>; rel="prev"/.exec(
      next.headers.get('link') ?? '',
    );
    expect(next.headers.get('link')).not.toContain('rel="next"');
    expect(prevLink).not.toBeNull();
    const back = await digests.GET(apiRequest(prevLink![1]!), routeContext());
    expect(await back.json()).toEqual([newer]);
    expect(await next.json()).toEqual([digest]);
  });
});

describe('GET /api/v1/evidence', () => {
  it('downloads the chosen streams as an evidence file that verifies with the published key', async () => {
    const response = await get(`/api/v1/evidence?streams=${streams.join(',')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="chronicle-evidence-/,
    );
    const lines = (await response.text()).trimEnd().split('\n');
    const result = await verifyEvidence(lines, publicKey);
    expect(result).toMatchObject({ events: 6, streams: 2 });
  });

  it('downloads a time range', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const response = await get(`/api/v1/evidence?from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const result = await verifyEvidence((await response.text()).trimEnd().split('\n'), publicKey);
    expect(result.events).toBeGreaterThanOrEqual(6);
  });

  it('answers 400 for no selection, both kinds, or a bad range, and 404 for an unknown stream', async () => {
    await expectProblem(await get('/api/v1/evidence'), 400);
    await expectProblem(
      await get(`/api/v1/evidence?streams=${streams[0]}&from=2026-01-01T00:00:00Z`),
      400,
    );
    await expectProblem(
      await get('/api/v1/evidence?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'),
      400,
    );
    await expectProblem(await get('/api/v1/evidence?streams=a%20b'), 400);
    await expectProblem(await get(`/api/v1/evidence?streams=case-${randomUUID()}`), 404);
  });
});
