import { afterAll, expect } from 'vitest';
import type { Problem } from '@/lib/http/problem';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_TOKEN = 'test-bootstrap-token-0123456789abcdef';

/**
 * A database for the calling test file with the app's runtime pointed at it. Call it before
 * importing a route module: env and the runtime are process singletons, read on first use.
 */
export async function useApiDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CHRONICLE_BOOTSTRAP_TOKEN = TEST_TOKEN;
  process.env.LOG_LEVEL ??= 'silent';
  // Registered after createTestDatabase's hook, so it runs first: close the pool, then drop.
  afterAll(async () => {
    const { getRuntime } = await import('@/lib/runtime');
    await (await getRuntime()).close();
  });
  return t;
}

type Init = {
  method?: string;
  /** Sent as JSON with its content type. */
  json?: unknown;
  body?: BodyInit;
  /** null: no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
};

export function apiRequest(path: string, init: Init = {}): Request {
  const { method = 'GET', json, body, token = TEST_TOKEN } = init;
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (json !== undefined && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: json === undefined ? body : JSON.stringify(json),
  });
}

/** The second argument Next 16 passes a route handler. */
export const routeContext = (params: Record<string, string> = {}) => ({
  params: Promise.resolve(params),
});

export async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Problem;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:chronicle:problem:[a-z_]+$/) as unknown,
    title: expect.any(String) as unknown,
    status,
    detail: expect.any(String) as unknown,
  });
  return body;
}

export async function eventCount(t: TestDatabase): Promise<number> {
  const [row] = await t.db.$client<{ count: number }[]>`select count(*)::int as count from events`;
  return row?.count ?? 0;
}
