import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiRequest,
  AUDITOR_TOKEN,
  expectProblem,
  routeContext,
  TEST_TOKEN,
  useApiDatabase,
} from '@/test/api';

let route: typeof import('./v1/streams/route');

beforeAll(async () => {
  process.env.CHRONICLE_API_RATE_LIMIT = '3';
  await useApiDatabase();
  route = await import('./v1/streams/route');
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterAll(() => {
  vi.useRealTimers();
  delete process.env.CHRONICLE_API_RATE_LIMIT;
});

const list = (token: string) => route.GET(apiRequest('/api/v1/streams', { token }), routeContext());

describe('the API rate limit per token', () => {
  it('answers 429 with Retry-After past the limit, and lets the token through in the next window', async () => {
    for (let i = 0; i < 3; i++) expect((await list(AUDITOR_TOKEN)).status).toBe(200);
    const limited = await list(AUDITOR_TOKEN);
    const problem = await expectProblem(limited, 429);
    expect(problem.detail).toMatch(/Too many requests; try again in \d+ s/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    vi.setSystemTime(Date.now() + retryAfter * 1000 + 1);
    expect((await list(AUDITOR_TOKEN)).status).toBe(200);
  });

  it('never limits the bootstrap token', async () => {
    for (let i = 0; i < 10; i++) expect((await list(TEST_TOKEN)).status).toBe(200);
  });
});
