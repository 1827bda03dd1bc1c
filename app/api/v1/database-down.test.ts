import { beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '@/test/closed-port';
import { expectProblem, routeContext, apiRequest, TEST_TOKEN } from '@/test/api';

let health: typeof import('./health/route');
let metrics: typeof import('../metrics/route');
let streams: typeof import('./streams/route');

beforeAll(async () => {
  process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${await closedPort()}/chronicle`;
  process.env.CHRONICLE_BOOTSTRAP_TOKEN = TEST_TOKEN;
  process.env.LOG_LEVEL ??= 'silent';
  health = await import('./health/route');
  metrics = await import('../metrics/route');
  streams = await import('./streams/route');
});

describe('with the database down', () => {
  it('health answers 503 with connected: false and the kind of failure', async () => {
    const response = await health.GET(
      apiRequest('/api/v1/health', { token: null }),
      routeContext(),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      database: { connected: false, error: 'ECONNREFUSED' },
    });
  });

  it('metrics still answer, with NaN for the age of the oldest transaction', async () => {
    const response = await metrics.GET(apiRequest('/api/metrics'), routeContext());
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^chronicle_oldest_transaction_age_seconds nan$/im);
  });

  it('other routes answer 503 problem+json, not 500', async () => {
    const response = await streams.GET(apiRequest('/api/v1/streams'), routeContext());
    const problem = await expectProblem(response, 503);
    expect(problem.type).toBe('urn:chronicle:problem:unavailable');
  });
});
