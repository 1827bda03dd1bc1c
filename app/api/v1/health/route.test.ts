import { beforeAll, describe, expect, it } from 'vitest';
import { health } from '@/lib/api/schemas';
import { apiRequest, routeContext, useApiDatabase } from '@/test/api';

let route: typeof import('./route');

beforeAll(async () => {
  await useApiDatabase();
  route = await import('./route');
});

describe('GET /api/v1/health', () => {
  it('answers 200 without a token, with the database status', async () => {
    const response = await route.GET(apiRequest('/api/v1/health', { token: null }), routeContext());
    expect(response.status).toBe(200);
    const body = health.parse(await response.json());
    expect(body).toEqual({
      status: 'ok',
      database: {
        connected: true,
        embedded: false,
        latencyMs: expect.any(Number) as unknown,
        serverVersion: expect.stringMatching(/^\d+/) as unknown,
        oldestTransactionAgeSeconds: expect.any(Number) as unknown,
        horizonWarnSeconds: 20,
        horizonStalled: expect.any(Boolean) as unknown,
      },
      replica: { configured: false },
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(body.database.oldestTransactionAgeSeconds).toBeGreaterThanOrEqual(0);
  });
});
