import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, type TestDatabase } from '@/test/database';
import type { Actor } from '../actor';
import { auditEvent } from '../audit/audit-event';
import { createChronicle, type Chronicle } from '../chronicle';
import { readAuditLog } from './audit-log';
import { auditLogFilters } from './filters';

let t: TestDatabase;
let chronicle: Chronicle;

const alice: Actor = { id: 'u-alice', role: 'operator', via: 'session', name: 'alice@example.org' };
const bot: Actor = { id: 't-1', role: 'auditor', via: 'token', name: 'nightly_export' };
const request = { requestId: 'r-1', clientAddress: '203.0.113.9' };

beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({ db: t.db });
  const acts = [
    auditEvent({ actor: null, request }, 'SignIn', 'failed', 'alice@example.org', {
      code: 'unauthenticated',
    }),
    auditEvent({ actor: alice, request }, 'SignIn', 'succeeded', 'alice@example.org'),
    auditEvent({ actor: alice, request }, 'WorkflowCommand', 'succeeded', 'workflow-1', {
      command: 'start',
    }),
    auditEvent({ actor: bot, request }, 'EventDataRead', 'succeeded', '$all'),
    auditEvent({ actor: bot, request }, 'StreamAppend', 'refused', 'sample-1', {
      code: 'forbidden',
    }),
  ];
  for (const act of acts) await chronicle.audit.record(act);
  await chronicle.audit.flush();
});

const read = async (query: Record<string, string>) =>
  (
    await readAuditLog(t.store.context.sql, {
      actor: auditor,
      filters: auditLogFilters.parse(query),
    })
  ).entries.map((entry) => `${entry.action}:${entry.data.outcome}:${entry.data.target}`);

describe('readAuditLog', () => {
  it('lists the trail newest first, with what each act was done to', async () => {
    expect(await read({})).toEqual([
      'StreamAppend:refused:sample-1',
      'EventDataRead:succeeded:$all',
      'WorkflowCommand:succeeded:workflow-1',
      'SignIn:succeeded:alice@example.org',
      'SignIn:failed:alice@example.org',
    ]);
  });

  it('filters by action, by actor id or part of a name, by target prefix and by outcome', async () => {
    expect(await read({ action: 'SignIn,StreamAppend' })).toHaveLength(3);
    expect(await read({ actor: 'u-alice' })).toHaveLength(2);
    expect(await read({ actor: 'ALICE@' })).toHaveLength(2);
    // `_` is a letter here, not LIKE's any-character.
    expect(await read({ actor: 'nightly_' })).toHaveLength(2);
    expect(await read({ actor: 'nightly%' })).toHaveLength(0);
    expect(await read({ target: 'workflow-' })).toEqual(['WorkflowCommand:succeeded:workflow-1']);
    expect(await read({ outcome: 'refused' })).toEqual(['StreamAppend:refused:sample-1']);
  });

  it('filters by the time of the act, read as UTC', async () => {
    expect(await read({ to: '2000-01-01T00:00' })).toEqual([]);
    expect(await read({ from: '2000-01-01T00:00' })).toHaveLength(5);
    expect(auditLogFilters.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it('pages backwards by position and says where the next page starts', async () => {
    const first = await readAuditLog(t.store.context.sql, {
      actor: auditor,
      filters: auditLogFilters.parse({ limit: '25' }),
    });
    expect(first.nextBefore).toBeNull();
    const older = await read({ before: String(first.entries[1]!.position) });
    expect(older).toEqual([
      'WorkflowCommand:succeeded:workflow-1',
      'SignIn:succeeded:alice@example.org',
      'SignIn:failed:alice@example.org',
    ]);
  });

  it('pages forward again with after: Next then Previous shows the newest page again', async () => {
    const page = (query: Record<string, string>) =>
      readAuditLog(t.store.context.sql, { actor: auditor, filters: auditLogFilters.parse(query) });
    const everything = (await page({})).entries.map((entry) => entry.position);
    const newest = everything[0]!;
    const older = await page({ before: String(everything[2]!) });
    expect(older.previousAfter).toBe(everything[3]);
    const back = await page({ after: String(older.previousAfter) });
    expect(back.entries.map((entry) => entry.position)).toEqual(everything.slice(0, 3));
    expect(back.entries[0]!.position).toBe(newest);
    expect(back.previousAfter).toBeNull();
    expect(back.nextBefore).toBe(everything[2]);
  });

  it('needs the auditor role, like every read', async () => {
    await expect(
      readAuditLog(t.store.context.sql, {
        actor: { id: 'x', role: 'nobody', via: 'token' } as unknown as Actor,
        filters: auditLogFilters.parse({}),
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
