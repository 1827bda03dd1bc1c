import pino from 'pino';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { concurrencyError, forbidden } from '@/lib/errors';
import { metrics } from '@/lib/metrics';
import { apiRequest, expectProblem, routeContext, TEST_TOKEN } from '@/test/api';
import { withApi } from './with-api';

const logged = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock('@/lib/logger', () => {
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger: () => log };
});

beforeAll(() => {
  process.env.CHRONICLE_BOOTSTRAP_TOKEN = TEST_TOKEN;
});

const route = '/api/v1/test/[id]';
const lastLine = () => logged.at(-1) ?? {};

function failingWith(error: unknown) {
  return withApi({ route, role: 'auditor' }, () => Promise.reject(error));
}

describe('withApi', () => {
  it('hands the handler the bootstrap actor, the params and the request id', async () => {
    const handler = vi.fn((context: { actor: unknown; params: unknown; requestId: string }) =>
      Promise.resolve(
        Response.json({
          actor: context.actor,
          params: context.params,
          requestId: context.requestId,
        }),
      ),
    );
    const GET = withApi({ route, role: 'operator' }, handler);
    const response = await GET(
      apiRequest('/x', { headers: { 'x-request-id': 'abc-123' } }),
      routeContext({ id: 'a' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      actor: { id: 'bootstrap', role: 'admin', via: 'bootstrap', name: 'bootstrap token' },
      params: { id: 'a' },
      requestId: 'abc-123',
    });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('logs one line per request with method, route, status, duration and request id: answers at debug, refusals at info', async () => {
    const GET = withApi({ route, role: 'public' }, () =>
      Promise.resolve(new Response(null, { status: 204 })),
    );
    const before = logged.length;
    const response = await GET(apiRequest('/x', { token: null }), routeContext());
    expect(logged.length).toBe(before + 1);
    expect(lastLine()).toMatchObject({
      level: 20,
      method: 'GET',
      route,
      status: 204,
      ms: expect.any(Number) as unknown,
      requestId: response.headers.get('x-request-id'),
    });
    const refused = await failingWith(forbidden('no'))(apiRequest('/x'), routeContext());
    expect(logged.length).toBe(before + 2);
    expect(lastLine()).toMatchObject({
      level: 30,
      status: 403,
      requestId: refused.headers.get('x-request-id'),
    });
  });

  it('generates a request id when none or a malformed one is given', async () => {
    const GET = withApi({ route, role: 'public' }, () => Promise.resolve(new Response('ok')));
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const none = await GET(apiRequest('/x'), routeContext());
    const bad = await GET(apiRequest('/x', { headers: { 'x-request-id': 'a b' } }), routeContext());
    expect(none.headers.get('x-request-id')).toMatch(uuid);
    expect(bad.headers.get('x-request-id')).toMatch(uuid);
  });

  it('answers 401 with a Bearer challenge before calling the handler', async () => {
    const handler = vi.fn(() => Promise.resolve(new Response('secret')));
    const GET = withApi({ route, role: 'auditor' }, handler);
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TEST_TOKEN}`,
      `Bearer ${TEST_TOKEN}x`,
    ]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await GET(apiRequest('/x', { token: null, headers }), routeContext());
      await expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="chronicle"');
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('maps a core error to its status with its details', async () => {
    const response = await failingWith(concurrencyError('order-1', 3, 5))(
      apiRequest('/x'),
      routeContext(),
    );
    const problem = await expectProblem(response, 409);
    expect(problem).toMatchObject({
      type: 'urn:chronicle:problem:concurrency',
      title: 'Concurrency conflict',
      currentVersion: 5,
      requestId: response.headers.get('x-request-id'),
    });
    await expectProblem(await failingWith(forbidden('no'))(apiRequest('/x'), routeContext()), 403);
  });

  it('answers 500 with a generic detail for an unknown error and logs its stack', async () => {
    const bug = new Error('select * from secrets failed at /srv/app.ts');
    const response = await failingWith(bug)(apiRequest('/x'), routeContext());
    const text = await response.clone().text();
    const problem = await expectProblem(response, 500);
    expect(problem.detail).toBe('An unexpected error occurred; it has been logged');
    expect(text).not.toMatch(/secrets|app\.ts|at /);
    expect(lastLine()).toMatchObject({ level: 50, status: 500, err: { message: bug.message } });
    expect((lastLine().err as { stack: string }).stack).toContain('with-api.test.ts');
  });

  it('answers 503 with Retry-After when the database is unreachable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const response = await failingWith(refused)(apiRequest('/x'), routeContext());
    const problem = await expectProblem(response, 503);
    expect(problem.type).toBe('urn:chronicle:problem:unavailable');
    expect(problem.detail).not.toContain('5432');
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('counts requests by route and status, and errors by code', async () => {
    const { registry } = metrics();
    /** A counter's value, or a histogram's observation count, for one label set. */
    const count = async (name: string, labels: Record<string, string>) => {
      const metric = await registry.getSingleMetric(name)?.get();
      const value = metric?.values.find(
        (v) =>
          [undefined, `${name}_count`].includes((v as { metricName?: string }).metricName) &&
          Object.entries(labels).every(([key, label]) => v.labels[key] === label),
      );
      return value?.value ?? 0;
    };
    const requests = () =>
      count('chronicle_http_request_duration_seconds', { route, status: '409', method: 'GET' });
    const errors = () => count('chronicle_errors_total', { code: 'concurrency' });
    const [requestsBefore, errorsBefore] = [await requests(), await errors()];
    await failingWith(concurrencyError('order-1', 0, 1))(apiRequest('/x'), routeContext());
    expect(await requests()).toBe(requestsBefore + 1);
    expect(await errors()).toBe(errorsBefore + 1);
  });
});
