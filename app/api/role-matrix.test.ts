import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/actor';
import { getChronicle } from '@/lib/runtime';
import type { TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  OPERATOR_TOKEN,
  routeContext,
  TEST_TOKEN,
  useApiDatabase,
} from '@/test/api';

/**
 * Who may call what, written out by hand: the least role each route handler allows, `any` for
 * any authenticated caller, `public` for no one in particular, `off` for the benchmark's floor
 * (404 to everyone unless CHRONICLE_BENCH_FLOOR is set). The test fails if a route exists that
 * is not listed here, or the other way round.
 */
type Least = Role | 'any' | 'public' | 'off';
const MATRIX: Record<string, Least> = {
  'GET /api/bench/append/[id]': 'off',
  'POST /api/bench/append/[id]': 'off',
  'GET /api/metrics': 'any',
  'GET /api/v1/health': 'public',
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/events': 'auditor',
  'GET /api/v1/events/live': 'auditor',
  'GET /api/v1/events/[id]': 'auditor',
  'GET /api/v1/correlations/[id]': 'auditor',
  'GET /api/v1/streams': 'auditor',
  'GET /api/v1/streams/[id]': 'auditor',
  'GET /api/v1/streams/[id]/events': 'auditor',
  'POST /api/v1/streams/[id]/events': 'operator',
  'GET /api/v1/streams/[id]/events/download': 'auditor',
  'GET /api/v1/streams/[id]/state': 'auditor',
  'GET /api/v1/streams/[id]/diff': 'auditor',
  'GET /api/v1/streams/[id]/verify': 'auditor',
  'GET /api/v1/snapshots/stats': 'auditor',
  'POST /api/v1/snapshots/cleanup': 'operator',
  'GET /api/v1/workflows': 'auditor',
  'POST /api/v1/workflows': 'operator',
  'GET /api/v1/workflows/[id]': 'auditor',
  'POST /api/v1/workflows/[id]/commands': 'operator',
  'GET /api/v1/tokens': 'admin',
  'POST /api/v1/tokens': 'admin',
  'DELETE /api/v1/tokens/[id]': 'admin',
  'GET /api/v1/projections': 'auditor',
  'GET /api/v1/projections/[name]/failures': 'auditor',
  'POST /api/v1/projections/[name]/failures/[id]/retry': 'operator',
  'POST /api/v1/projections/[name]/failures/[id]/skip': 'operator',
  'GET /api/v1/replays': 'auditor',
  'POST /api/v1/replays': 'operator',
  'GET /api/v1/replays/[id]': 'auditor',
  'GET /api/v1/replays/[id]/progress': 'auditor',
  'POST /api/v1/replays/[id]/cancel': 'operator',
  'GET /api/v1/digests': 'auditor',
  'POST /api/v1/digests': 'auditor',
  'GET /api/v1/digests/latest': 'auditor',
  'GET /api/v1/evidence': 'auditor',
  'GET /api/v1/verifications': 'auditor',
  'POST /api/v1/verifications': 'auditor',
  'GET /api/v1/verifications/[id]': 'auditor',
  'POST /api/v1/verifications/[id]/cancel': 'auditor',
  'GET /api/v1/subjects': 'admin',
  'POST /api/v1/subjects/[subjectId]/erase': 'admin',
  'GET /api/v1/retention': 'auditor',
  'PUT /api/v1/retention/[category]': 'admin',
  'GET /api/v1/retention/scavenge': 'auditor',
  'POST /api/v1/retention/scavenge': 'operator',
  'PUT /api/v1/streams/[id]/hold': 'admin',
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (req: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
type Route = { key: string; route: string; method: string; handler: Handler };

const rank = { auditor: 1, operator: 2, admin: 3 };
const API_DIR = path.resolve('app/api');

/** Every route handler, found in the file tree: a new one cannot be left out of the matrix. */
async function discoverRoutes(): Promise<Route[]> {
  const files = readdirSync(API_DIR, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('route.ts'),
  );
  const routes: Route[] = [];
  for (const file of files) {
    const route = `/api/${path.dirname(file).split(path.sep).join('/')}`;
    const routeModule = (await import(path.join(API_DIR, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (typeof handler === 'function') {
        routes.push({ key: `${method} ${route}`, route, method, handler: handler as Handler });
      }
    }
  }
  return routes;
}

let t: TestDatabase;
let routes: Route[];
let adminToken: string;
const sessions: Partial<Record<Role | 'disabled' | 'expired', string>> = {};
const streamId = `matrix-${randomUUID()}`;
let workflowId: string;

/** The session cookie of a new account with this role, as a browser would send it. */
async function sessionCookie(role: Role) {
  const { accounts } = await getChronicle();
  const email = `${role}-${randomUUID().slice(0, 8)}@example.org`;
  const password = 'a long enough password';
  const { user } = await accounts.ensureUser({ email, name: role, role, password });
  const { cookies } = await accounts.signIn(
    { email, password },
    { clientAddress: null, userAgent: null },
  );
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  return { cookie, userId: user.id };
}

beforeAll(async () => {
  t = await useApiDatabase();
  routes = await discoverRoutes();
  const chronicle = await getChronicle();
  adminToken = (
    await chronicle.tokens.create(
      { id: 'setup', role: 'admin', via: 'system' },
      {
        name: 'matrix admin',
        role: 'admin',
      },
    )
  ).token;
  for (const role of ['auditor', 'operator', 'admin'] as const) {
    sessions[role] = (await sessionCookie(role)).cookie;
  }
  const admin = await chronicle.accounts.sessionActor(new Headers({ cookie: sessions.admin! }));
  const disabled = await sessionCookie('admin');
  await chronicle.accounts.setDisabled(admin!, disabled.userId, true);
  sessions.disabled = disabled.cookie;
  const expired = await sessionCookie('admin');
  await t.db
    .$client`update auth_sessions set expires_at = now() - interval '1 s' where user_id = ${expired.userId}`;
  sessions.expired = expired.cookie;
  await chronicle.store.append({
    actor: { id: 'setup', role: 'admin', via: 'system' },
    streamId,
    events: [{ type: 'Seeded', data: {} }],
  });
  ({ workflowId } = await chronicle.research.createWorkflow({
    actor: { id: 'setup', role: 'admin', via: 'system' },
    title: 'Matrix',
    question: 'Who may?',
    methodology: {},
  }));
});

/** A request each route can act on, so that an allowed call gets past its checks. */
function call(route: Route, headers: Record<string, string>) {
  const id = route.route.includes('/workflows/')
    ? workflowId
    : route.route.includes('/tokens/')
      ? randomUUID()
      : streamId;
  const concrete = route.route.replace('[id]', encodeURIComponent(id));
  const bodies: Record<string, unknown> = {
    'POST /api/v1/streams/[id]/events': { events: [{ type: 'Probed', data: {} }] },
    'POST /api/v1/workflows': { title: 'Probe', question: 'Q?', methodology: {} },
    'POST /api/v1/workflows/[id]/commands': { command: 'addStep', title: 'Probe' },
    'POST /api/v1/tokens': { name: 'probe', role: 'auditor' },
    'POST /api/v1/replays': { projection: 'event-stats', mode: 'incremental' },
  };
  const query = route.key.endsWith('/diff') ? '?from=0&to=1' : '';
  const body = bodies[route.key];
  return route.handler(
    apiRequest(`${concrete}${query}`, {
      method: route.method,
      token: null,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    // An unknown subject: an allowed caller gets past the role check to a 404.
    routeContext({ id, subjectId: 'person:matrix-probe' }),
  );
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sameOrigin = { host: 'localhost', origin: 'http://localhost' };

type Caller = { name: string; role: Role | null; headers: () => Record<string, string> };
const callers: Caller[] = [
  { name: 'anonymous', role: null, headers: () => ({}) },
  {
    name: 'anonymous with x-middleware-subrequest',
    role: null,
    headers: () => ({
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
    }),
  },
  { name: 'an auditor token', role: 'auditor', headers: () => bearer(AUDITOR_TOKEN) },
  { name: 'an operator token', role: 'operator', headers: () => bearer(OPERATOR_TOKEN) },
  { name: 'an admin token', role: 'admin', headers: () => bearer(adminToken) },
  { name: 'the bootstrap token', role: 'admin', headers: () => bearer(TEST_TOKEN) },
  {
    name: "an auditor's session",
    role: 'auditor',
    headers: () => ({ cookie: sessions.auditor!, ...sameOrigin }),
  },
  {
    name: "an operator's session",
    role: 'operator',
    headers: () => ({ cookie: sessions.operator!, ...sameOrigin }),
  },
  {
    name: "an admin's session",
    role: 'admin',
    headers: () => ({ cookie: sessions.admin!, ...sameOrigin }),
  },
  {
    name: "a disabled user's session",
    role: null,
    headers: () => ({ cookie: sessions.disabled!, ...sameOrigin }),
  },
  {
    name: 'an expired session',
    role: null,
    headers: () => ({ cookie: sessions.expired!, ...sameOrigin }),
  },
];

function expected(least: Least, role: Role | null): 'allowed' | 401 | 403 | 404 {
  if (least === 'off') return 404;
  if (least === 'public') return 'allowed';
  if (role === null) return 401;
  if (least === 'any') return 'allowed';
  return rank[role] >= rank[least] ? 'allowed' : 403;
}

describe('the role matrix of the REST API', () => {
  it('lists every route handler in the file tree, and nothing else', () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const caller of callers) {
    it(`answers ${caller.name} exactly as the matrix says`, async () => {
      const surprises: string[] = [];
      for (const route of routes) {
        const response = await call(route, caller.headers());
        // A live stream would run until cancelled: its status is all this test reads.
        await response.body?.cancel();
        const want = expected(MATRIX[route.key]!, caller.role);
        const got = response.status;
        const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!ok) surprises.push(`${route.key}: ${got}, expected ${want}`);
      }
      expect(surprises).toEqual([]);
    });
  }

  it('refuses a state-changing request signed in by cookie with a foreign or missing Origin', async () => {
    const writes = routes.filter((route) => route.method !== 'GET' && MATRIX[route.key] !== 'off');
    for (const route of writes) {
      const attempts: Record<string, string>[] = [
        { cookie: sessions.admin!, host: 'localhost', origin: 'https://evil.example' },
        { cookie: sessions.admin!, host: 'localhost' },
        { cookie: sessions.admin!, host: 'localhost', origin: 'null' },
      ];
      for (const headers of attempts) {
        expect(
          (await call(route, headers)).status,
          `${route.key} ${headers.origin ?? 'no origin'}`,
        ).toBe(403);
      }
    }
  });

  it('refuses a cross-site text/plain or form post even with a valid token', async () => {
    const append = routes.find((route) => route.key === 'POST /api/v1/streams/[id]/events')!;
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await append.handler(
        apiRequest(`/api/v1/streams/${streamId}/events`, {
          method: 'POST',
          token: null,
          headers: { cookie: sessions.admin!, ...sameOrigin, 'content-type': contentType },
          body: JSON.stringify({ events: [{ type: 'Forged', data: {} }] }),
        }),
        routeContext({ id: streamId }),
      );
      expect(response.status, contentType).toBe(415);
    }
  });
});
