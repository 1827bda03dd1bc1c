import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, type TestDatabase } from '@/test/database';
import { asQueryable } from './event-store/context';
import { logHealth } from './log-health';

let t: TestDatabase;
let other: postgres.Sql;
const applicationName = `log-health-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await createTestDatabase();
  other = postgres(t.url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
});
afterAll(async () => {
  await other.end();
});

const health = () =>
  logHealth(asQueryable(t.db.$client), { actor: auditor, warnSeconds: 1, limit: 100 });
const ours = async () =>
  (await health()).holders.find((holder) => holder.applicationName === applicationName);

describe('logHealth', () => {
  it('reports an open transaction holding an xid, and the events it holds back, until it commits', async () => {
    const reserved = other.reserve();
    const connection = await reserved;
    await connection`begin`;
    try {
      await connection`select pg_current_xact_id()`;
      await t.store.append({
        actor: { id: 'test-operator', role: 'operator', via: 'token' },
        streamId: `held-${randomUUID()}`,
        events: [{ type: 'Thing', data: {} }],
      });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const holder = await ours();
      expect(holder).toMatchObject({ state: 'idle in transaction' });
      expect(holder?.ageSeconds).toBeGreaterThan(1);
      expect(holder?.xid).toMatch(/^\d+$/);
      const report = await health();
      expect(report.warning).toBe(true);
      expect(report.heldBack.events).toBeGreaterThanOrEqual(1);
      expect(report.heldBack.oldestAgeSeconds).toBeGreaterThan(1);
    } finally {
      await connection`commit`;
      connection.release();
    }
    expect(await ours()).toBeUndefined();
  });
});
