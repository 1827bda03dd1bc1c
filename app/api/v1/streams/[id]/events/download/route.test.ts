import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyDocument } from '@/lib/api/schemas';
import type { AuditData } from '@/lib/audit/audit-event';
import { getChronicle } from '@/lib/runtime';
import { auditor, operator, type TestDatabase } from '@/test/database';
import { apiRequest, AUDITOR_TOKEN, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

const download = (streamId: string, query = '', headers: Record<string, string> = {}) =>
  route.GET(
    apiRequest(`/api/v1/streams/${encodeURIComponent(streamId)}/events/download${query}`, {
      token: AUDITOR_TOKEN,
      headers,
    }),
    routeContext({ id: streamId }),
  );

describe('GET /api/v1/streams/{id}/events/download', () => {
  it('sends every event in version order across pages, as an attachment, and records the export', async () => {
    const streamId = `history-${randomUUID()}`;
    const count = 2345;
    for (let from = 0; from < count; from += 1000) {
      await t.store.append({
        actor: operator,
        streamId,
        events: Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({
          type: 'Counted',
          data: { n: from + i + 1, text: 'quote " and \\ slash' },
        })),
      });
    }
    const requestId = randomUUID();
    const response = await download(streamId, '', { 'x-request-id': requestId });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${streamId}-v${count}.json"`,
    );
    const body = historyDocument.parse(await response.json());
    expect(body.streamId).toBe(streamId);
    expect(body.version).toBe(count);
    expect(body.events.map((event) => event.version)).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    expect(body.events.at(-1)!.data).toEqual({ n: count, text: 'quote " and \\ slash' });
    const { events: stored } = await t.store.readStream({ actor: auditor, streamId, limit: 3 });
    expect(body.events.slice(0, 3)).toEqual(JSON.parse(JSON.stringify(stored)));

    const chronicle = await getChronicle();
    await chronicle.audit.flush();
    const day = new Date().toISOString().slice(0, 10);
    const { events: audit } = await chronicle.store.readStream({
      actor: auditor,
      streamId: `$audit-${day}`,
      limit: 1000,
      direction: 'backward',
    });
    const recorded = audit.filter((e) => (e.data as AuditData).requestId === requestId);
    expect(recorded.map((e) => [e.type, (e.data as AuditData).target])).toEqual([
      ['EventsExport', streamId],
    ]);
  });

  it('answers 404 for an unknown stream and 400 for a bad raw flag', async () => {
    await expectProblem(await download(`history-${randomUUID()}`), 404);
    await expectProblem(await download(`history-${randomUUID()}`, '?raw=maybe'), 400);
  });
});
