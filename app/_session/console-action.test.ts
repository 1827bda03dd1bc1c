import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/actor';
import type { AuditEvent } from '@/lib/audit/audit-event';
import { ChronicleError } from '@/lib/errors';

vi.mock('server-only', () => ({}));

const request = { headers: new Headers(), cookie: '' };
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.cookie }),
}));

const recorded: AuditEvent[] = [];
const session = { actor: null as Actor | null };
vi.mock('@/lib/runtime', () => ({
  getChronicle: async () => ({
    accounts: { sessionActor: async () => session.actor },
    audit: { record: async (event: AuditEvent) => void recorded.push(event) },
  }),
  noteWrite: () => {},
}));

const { consoleAction, FOREIGN_ORIGIN, SESSION_ENDED } = await import('./console-action');

const operator: Actor = { id: 'u-1', role: 'operator', via: 'session', name: 'op@example.org' };
const spec = { action: 'WorkflowCommand', role: 'operator', target: 'workflow-1' } as const;
const dataOf = (event: AuditEvent) => event.event.data;

beforeEach(() => {
  recorded.length = 0;
  session.actor = operator;
  request.headers = new Headers({ origin: 'http://console.test', host: 'console.test' });
  request.cookie = 'chronicle.session_token=abc';
});

describe('consoleAction', () => {
  it('runs the act for a signed-in caller with the role, and records one success', async () => {
    const act = vi.fn(async () => 42);
    expect(await consoleAction(spec, act)).toEqual({ ok: true, data: 42 });
    expect(act).toHaveBeenCalledOnce();
    expect(recorded).toHaveLength(1);
    expect(dataOf(recorded[0]!)).toMatchObject({
      outcome: 'succeeded',
      target: 'workflow-1',
      actor: { id: 'u-1', role: 'operator', via: 'session' },
    });
  });

  it('refuses a missing or foreign Origin before anything else, recording nothing', async () => {
    for (const origin of [null, 'https://evil.example']) {
      request.headers = new Headers({ host: 'console.test', ...(origin ? { origin } : {}) });
      const act = vi.fn(async () => 1);
      expect(await consoleAction(spec, act)).toEqual({ ok: false, error: FOREIGN_ORIGIN });
      expect(act).not.toHaveBeenCalled();
    }
    expect(recorded).toHaveLength(0);
  });

  it('asks someone whose session has ended to sign in again', async () => {
    session.actor = null;
    expect(await consoleAction(spec, async () => 1)).toEqual({ ok: false, error: SESSION_ENDED });
    expect(recorded).toHaveLength(0);
  });

  it('refuses a role too low without running the act, and records the refusal', async () => {
    session.actor = { ...operator, role: 'auditor' };
    const act = vi.fn(async () => 1);
    const result = await consoleAction(spec, act);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('operator role') });
    expect(act).not.toHaveBeenCalled();
    expect(dataOf(recorded[0]!)).toMatchObject({
      outcome: 'refused',
      detail: { code: 'forbidden' },
    });
  });

  it('records nothing more for an act that wrote its success in its own transaction', async () => {
    const result = await consoleAction(spec, async ({ audit }) => {
      audit.note({ command: 'start' });
      return dataOf(audit.inTransaction());
    });
    expect(result).toMatchObject({ ok: true, data: { detail: { command: 'start' } } });
    expect(recorded).toHaveLength(0);
  });

  it('answers a domain error with its message and what `explain` adds, recorded as failed', async () => {
    const result = await consoleAction(
      spec,
      async ({ audit }) => {
        audit.target('workflow-2');
        throw new ChronicleError('domain', 'Cannot start a running workflow');
      },
      () => ({ hint: 'reload' }),
    );
    expect(result).toEqual({ ok: false, error: 'Cannot start a running workflow', hint: 'reload' });
    expect(dataOf(recorded[0]!)).toMatchObject({
      outcome: 'failed',
      target: 'workflow-2',
      detail: { code: 'domain' },
    });
  });

  it('never shows an unexpected error, and records it as failed', async () => {
    const result = await consoleAction(spec, async () => {
      throw new Error('password authentication failed for user "chronicle"');
    });
    expect(result).toEqual({
      ok: false,
      error: 'This could not be done; the server log has the details',
    });
    expect(dataOf(recorded[0]!)).toMatchObject({ outcome: 'failed', detail: { code: 'internal' } });
  });
});
