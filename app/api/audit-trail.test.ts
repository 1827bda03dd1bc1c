import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditData } from '@/lib/audit/audit-event';
import { getChronicle } from '@/lib/runtime';
import type { RecordedEvent } from '@/lib/event-store';
import { auditor, type TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  OPERATOR_TOKEN,
  routeContext,
  TEST_TOKEN,
  useApiDatabase,
} from '@/test/api';

const logged = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/logger', () => {
  const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(line) });
  return { logger: () => log };
});

let t: TestDatabase;
beforeAll(async () => {
  t = await useApiDatabase();
});

const ROUTES: Record<string, () => Promise<unknown>> = {
  '/events': () => import('./v1/events/route'),
  '/snapshots/cleanup': () => import('./v1/snapshots/cleanup/route'),
  '/streams/[id]/events': () => import('./v1/streams/[id]/events/route'),
  '/streams/[id]/state': () => import('./v1/streams/[id]/state/route'),
  '/streams/[id]/verify': () => import('./v1/streams/[id]/verify/route'),
  '/tokens': () => import('./v1/tokens/route'),
  '/tokens/[id]': () => import('./v1/tokens/[id]/route'),
  '/workflows': () => import('./v1/workflows/route'),
  '/workflows/[id]': () => import('./v1/workflows/[id]/route'),
  '/workflows/[id]/commands': () => import('./v1/workflows/[id]/commands/route'),
};

type Call = { method?: string; path: string; id?: string; json?: unknown; token?: string };

/** Calls a route as a client at a known address, with a request id to find its audit event by. */
async function act(
  route: string,
  { method = 'GET', path, id, json, token = OPERATOR_TOKEN }: Call,
) {
  const requestId = randomUUID();
  const routeModule = (await ROUTES[route]!()) as unknown as Record<
    string,
    (req: Request, ctx: unknown) => Promise<Response>
  >;
  const response = await routeModule[method]!(
    apiRequest(`/api/v1${path}`, {
      method,
      json,
      token,
      headers: { 'x-request-id': requestId, 'x-forwarded-for': '203.0.113.9' },
    }),
    routeContext(id === undefined ? {} : { id }),
  );
  return { response, requestId };
}

/**
 * The audit events of a request, from the audit streams of today and yesterday (UTC): read by
 * stream, since `$all` trails the oldest transaction open on the server (other test files').
 */
async function auditEventsOf(requestId: string): Promise<RecordedEvent[]> {
  const chronicle = await getChronicle();
  await chronicle.audit.flush();
  const days = [0, 1].map((back) =>
    new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10),
  );
  const events: RecordedEvent[] = [];
  for (const day of new Set(days)) {
    const page = await chronicle.store
      .readStream({ actor: auditor, streamId: `$audit-${day}`, limit: 1000, direction: 'backward' })
      .catch(() => ({ events: [] }));
    events.push(...page.events);
  }
  return events.filter((e) => (e.data as AuditData).requestId === requestId);
}

async function onlyAuditEvent(requestId: string) {
  const events = await auditEventsOf(requestId);
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event!.streamId).toBe(`$audit-${event!.occurredAt.slice(0, 10)}`);
  return { type: event!.type, data: event!.data as AuditData };
}

const operatorActor = { role: 'operator', via: 'token', name: 'test operator' };

describe('the audit trail of the REST API', () => {
  it('records an append with its actor, target, outcome, request id and address, in its transaction', async () => {
    const streamId = `audited-${randomUUID()}`;
    const { response, requestId } = await act('/streams/[id]/events', {
      method: 'POST',
      path: `/streams/${streamId}/events`,
      id: streamId,
      json: {
        events: [
          { type: 'Noted', data: {} },
          { type: 'Noted', data: {} },
        ],
      },
    });
    expect(response.status).toBe(201);
    expect(await onlyAuditEvent(requestId)).toEqual({
      type: 'StreamAppend',
      data: {
        outcome: 'succeeded',
        actor: expect.objectContaining(operatorActor) as unknown,
        target: streamId,
        requestId,
        clientAddress: '203.0.113.9',
        detail: { events: 2 },
      },
    });
  });

  it('records each audited act once: commands, creation, reads, verification, cleanup', async () => {
    const created = await act('/workflows', {
      method: 'POST',
      path: '/workflows',
      json: { title: 'Audited', question: 'Who did it?', methodology: {} },
    });
    const { workflowId } = (await created.response.json()) as { workflowId: string };
    const streamId = `workflow-${workflowId}`;
    const acts: [Call & { route: string }, string, string | null][] = [
      [
        {
          route: '/workflows/[id]/commands',
          method: 'POST',
          path: `/workflows/${workflowId}/commands`,
          id: workflowId,
          json: { command: 'start' },
        },
        'WorkflowCommand',
        streamId,
      ],
      [
        {
          route: '/streams/[id]/events',
          path: `/streams/${streamId}/events`,
          id: streamId,
          token: AUDITOR_TOKEN,
        },
        'EventDataRead',
        streamId,
      ],
      [
        { route: '/events', path: '/events?limit=5', token: AUDITOR_TOKEN },
        'EventDataRead',
        '$all',
      ],
      [
        {
          route: '/streams/[id]/state',
          path: `/streams/${streamId}/state`,
          id: streamId,
          token: AUDITOR_TOKEN,
        },
        'EventDataRead',
        streamId,
      ],
      [
        {
          route: '/workflows/[id]',
          path: `/workflows/${workflowId}`,
          id: workflowId,
          token: AUDITOR_TOKEN,
        },
        'EventDataRead',
        streamId,
      ],
      [
        {
          route: '/streams/[id]/verify',
          path: `/streams/${streamId}/verify`,
          id: streamId,
          token: AUDITOR_TOKEN,
        },
        'StreamVerify',
        streamId,
      ],
      [
        { route: '/snapshots/cleanup', method: 'POST', path: '/snapshots/cleanup' },
        'SnapshotCleanup',
        'snapshots',
      ],
    ];
    expect((await onlyAuditEvent(created.requestId)).type).toBe('WorkflowCreate');
    for (const [call, type, target] of acts) {
      const { response, requestId } = await act(call.route, call);
      expect(response.status, call.path).toBeLessThan(300);
      const { type: recorded, data } = await onlyAuditEvent(requestId);
      expect({ recorded, target: data.target, outcome: data.outcome }).toEqual({
        recorded: type,
        target,
        outcome: 'succeeded',
      });
    }
  });

  it('records a refused act (403) and a failed one (409) with their outcome, and not a 401', async () => {
    const streamId = `audited-${randomUUID()}`;
    const refused = await act('/streams/[id]/events', {
      method: 'POST',
      path: `/streams/${streamId}/events`,
      id: streamId,
      token: AUDITOR_TOKEN,
      json: { events: [{ type: 'Noted', data: {} }] },
    });
    expect(refused.response.status).toBe(403);
    expect((await onlyAuditEvent(refused.requestId)).data).toMatchObject({
      outcome: 'refused',
      actor: { role: 'auditor', via: 'token' },
      detail: { status: 403, problem: 'forbidden' },
    });
    const failed = await act('/streams/[id]/events', {
      method: 'POST',
      path: `/streams/${streamId}/events`,
      id: streamId,
      json: { expectedVersion: 3, events: [{ type: 'Noted', data: {} }] },
    });
    expect(failed.response.status).toBe(409);
    expect((await onlyAuditEvent(failed.requestId)).data).toMatchObject({
      outcome: 'failed',
      detail: { status: 409, problem: 'concurrency' },
    });
    const anonymous = await act('/streams/[id]/events', {
      method: 'POST',
      path: `/streams/${streamId}/events`,
      id: streamId,
      token: 'chr_nobody',
      json: { events: [{ type: 'Noted', data: {} }] },
    });
    expect(anonymous.response.status).toBe(401);
    expect(await auditEventsOf(anonymous.requestId)).toEqual([]);
  });

  it('an idempotent retry is an act too: recorded, although it writes no event', async () => {
    const streamId = `audited-${randomUUID()}`;
    const json = { events: [{ eventId: randomUUID(), type: 'Noted', data: {} }] };
    const call = { method: 'POST', path: `/streams/${streamId}/events`, id: streamId, json };
    await act('/streams/[id]/events', call);
    const retry = await act('/streams/[id]/events', call);
    expect(retry.response.status).toBe(201);
    expect((await onlyAuditEvent(retry.requestId)).data.outcome).toBe('succeeded');
  });

  it('tokens: created and revoked on the trail; the secret shown once, never listed, never recorded or logged', async () => {
    const created = await act('/tokens', {
      method: 'POST',
      path: '/tokens',
      token: TEST_TOKEN,
      json: { name: 'ci export', role: 'auditor' },
    });
    expect(created.response.status).toBe(201);
    const token = (await created.response.json()) as { id: string; token: string };
    expect(token.token).toMatch(/^chr_[A-Za-z0-9_-]{43}$/);
    expect((await onlyAuditEvent(created.requestId)).data).toMatchObject({
      outcome: 'succeeded',
      actor: { id: 'bootstrap', via: 'bootstrap' },
      detail: { tokenId: token.id, name: 'ci export', role: 'auditor' },
    });
    const listed = await act('/tokens', { path: '/tokens', token: TEST_TOKEN });
    const list = (await listed.response.json()) as Record<string, unknown>[];
    expect(list.find((entry) => entry.id === token.id)).toEqual({
      id: token.id,
      name: 'ci export',
      role: 'auditor',
      createdAt: expect.any(String) as unknown,
      lastUsedAt: null,
      expiresAt: null,
    });
    const used = await act('/events', { path: '/events?limit=1', token: token.token });
    expect(used.response.status).toBe(200);
    const revoked = await act('/tokens/[id]', {
      method: 'DELETE',
      path: `/tokens/${token.id}`,
      id: token.id,
      token: TEST_TOKEN,
    });
    expect(revoked.response.status).toBe(204);
    expect((await onlyAuditEvent(revoked.requestId)).type).toBe('TokenRevoke');
    const after = await act('/events', { path: '/events?limit=1', token: token.token });
    expect(after.response.status).toBe(401);
    const dump = await t.db.$client<{ text: string }[]>`
      select coalesce(string_agg(data::text || metadata::text, ''), '') as text from events where category = '$audit'`;
    for (const secret of [token.token, TEST_TOKEN, AUDITOR_TOKEN, OPERATOR_TOKEN]) {
      expect(dump[0]!.text).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
  });

  it('an expired token is refused, and its last use is kept', async () => {
    const chronicle = await getChronicle();
    const admin = { id: 'test', role: 'admin', via: 'system' } as const;
    const token = await chronicle.tokens.create(admin, {
      name: 'short-lived',
      role: 'auditor',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(
      (await act('/events', { path: '/events?limit=1', token: token.token })).response.status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(
      (await act('/events', { path: '/events?limit=1', token: token.token })).response.status,
    ).toBe(401);
    const [row] = await t.db.$client<{ last_used_at: Date | null }[]>`
      select last_used_at from api_tokens where id = ${token.id}`;
    expect(row?.last_used_at).toBeInstanceOf(Date);
  });

  it('nobody appends to a $ stream through the API, not even an admin', async () => {
    const streamId = `$audit-${new Date().toISOString().slice(0, 10)}`;
    const { response } = await act('/streams/[id]/events', {
      method: 'POST',
      path: `/streams/${encodeURIComponent(streamId)}/events`,
      id: streamId,
      token: TEST_TOKEN,
      json: { events: [{ type: 'SignIn', data: { forged: true } }] },
    });
    expect(response.status).toBe(400);
    const readable = await act('/streams/[id]/events', {
      path: `/streams/${encodeURIComponent(streamId)}/events`,
      id: streamId,
      token: AUDITOR_TOKEN,
    });
    expect(readable.response.status).toBe(200);
  });
});
