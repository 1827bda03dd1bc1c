import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForHorizon, type TestDatabase } from '@/test/database';
import { apiRequest, AUDITOR_TOKEN, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let metricsRoute: typeof import('./route');
let eventsRoute: typeof import('../v1/streams/[id]/events/route');

beforeAll(async () => {
  t = await useApiDatabase();
  metricsRoute = await import('./route');
  eventsRoute = await import('../v1/streams/[id]/events/route');
});

/** Appends one event through the REST route, as a client does. */
async function appendOne(prefix: string) {
  const id = `${prefix}-${randomUUID()}`;
  const response = await eventsRoute.POST(
    apiRequest(`/api/v1/streams/${id}/events`, {
      method: 'POST',
      json: { events: [{ type: 'Read', data: {} }] },
    }),
    routeContext({ id }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { positions: number[] };
}

describe('GET /api/metrics', () => {
  it('needs a token of any role', async () => {
    await expectProblem(
      await metricsRoute.GET(apiRequest('/api/metrics', { token: null }), routeContext()),
      401,
    );
    const scraped = await metricsRoute.GET(
      apiRequest('/api/metrics', { token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(scraped.status).toBe(200);
  });

  it('exposes append and HTTP metrics in the Prometheus text format', async () => {
    const { positions } = await appendOne('meter');
    await waitForHorizon(t.store, positions[0]!);
    const response = await metricsRoute.GET(apiRequest('/api/metrics'), routeContext());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^chronicle_append_duration_seconds_count\{outcome="ok"\} 1$/m);
    expect(text).toMatch(
      /^chronicle_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/streams\/\[id\]\/events",status="201"\} 1$/m,
    );
    expect(text).toContain('chronicle_events_appended_total 1');
    // No runner in this process: the event just appended is event-stats' lag.
    const lag = /^chronicle_projection_lag_events\{projection="event-stats"\} (\d+)$/m.exec(text);
    expect(Number(lag?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^chronicle_projection_stopped\{projection="event-stats"\} 0$/m);
    expect(text).toMatch(/^chronicle_projection_lag_events\{projection="workflow-summary"\} 0$/m);
  });

  it('measures the oldest transaction holding an xid at each scrape', async () => {
    const scrape = async (name = 'chronicle_oldest_transaction_age_seconds') => {
      const response = await metricsRoute.GET(apiRequest('/api/metrics'), routeContext());
      const text = await response.text();
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    const other = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      const held = await other.reserve();
      await held`begin`;
      await held`select pg_current_xact_id()`;
      // Appended after the open transaction took its xid: committed, but behind the horizon.
      await appendOne('held');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await scrape()).toBeGreaterThanOrEqual(1);
      expect(await scrape('chronicle_events_held_back')).toBeGreaterThanOrEqual(1);
      await held`rollback`;
      held.release();
    } finally {
      await other.end({ timeout: 1 });
    }
  });
});
