import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Problem } from '@/lib/http/problem';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_TOKEN = 'test-bootstrap-token-0123456789abcdef';
export const AUDITOR_TOKEN = 'chr_test-auditor-token-0123456789abcdef';
export const OPERATOR_TOKEN = 'chr_test-operator-token-0123456789abcdef';

/** API tokens with a known secret, as an admin would have made them. */
export async function seedTokens(t: Pick<TestDatabase, 'db'>) {
  for (const [name, role, secret] of [
    ['test auditor', 'auditor', AUDITOR_TOKEN],
    ['test operator', 'operator', OPERATOR_TOKEN],
  ]) {
    const hash = createHash('sha256').update(secret!, 'utf8').digest('hex');
    await t.db.$client`
      insert into api_tokens (id, name, role, secret_hash, created_by)
      values (${randomUUID()}, ${name!}, ${role!}, ${hash}, 'test')`;
  }
}

/**
 * A database for the calling test file with the app's runtime pointed at it. Call it before
 * importing a route module: env and the runtime are process singletons, read on first use.
 */
export async function useApiDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  await seedTokens(t);
  process.env.DATABASE_URL = t.url;
  process.env.CHRONICLE_BOOTSTRAP_TOKEN = TEST_TOKEN;
  process.env.LOG_LEVEL ??= 'silent';
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

export const sampleWorkflow = {
  title: 'Sleep and memory',
  question: 'Does a night of sleep improve recall of word lists?',
  methodology: { design: 'randomised controlled trial', participants: 40 },
};

/** Creates a workflow through POST /api/v1/workflows, as a client would. */
export async function createWorkflow(fields: object = sampleWorkflow): Promise<string> {
  const { POST } = await import('@/app/api/v1/workflows/route');
  const response = await POST(
    apiRequest('/api/v1/workflows', { method: 'POST', json: fields }),
    routeContext(),
  );
  expect(response.status).toBe(201);
  const { workflowId } = (await response.json()) as { workflowId: string };
  return workflowId;
}

/** Sends a command through POST /api/v1/workflows/{id}/commands and answers the response. */
export async function sendCommand(
  workflowId: string,
  body: unknown,
  init: Omit<Init, 'method' | 'json'> = {},
): Promise<Response> {
  const { POST } = await import('@/app/api/v1/workflows/[id]/commands/route');
  return POST(
    apiRequest(`/api/v1/workflows/${workflowId}/commands`, { ...init, method: 'POST', json: body }),
    routeContext({ id: workflowId }),
  );
}

/** Sends commands that must all be accepted; answers the version after the last. */
export async function runCommands(workflowId: string, ...bodies: object[]): Promise<number> {
  let version = 0;
  for (const body of bodies) {
    const response = await sendCommand(workflowId, body);
    expect(response.status, JSON.stringify(body)).toBe(200);
    ({ version } = (await response.json()) as { version: number });
  }
  return version;
}
