import { randomUUID } from 'node:crypto';
import { parseCrontab, type JobHelpers } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { holdAnswer, retentionRules, scavengeStatus } from '@/lib/api/retention-schemas';
import { retentionTasks, SCAVENGE_TASK, scavengeCrontab } from '@/lib/retention/tasks';
import { getChronicle } from '@/lib/runtime';
import { operator, type TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  expectProblem,
  OPERATOR_TOKEN,
  routeContext,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let list: typeof import('./route');
let rule: typeof import('./[category]/route');
let scavenge: typeof import('./scavenge/route');
let hold: typeof import('../streams/[id]/hold/route');
const category = `ledger${randomUUID().slice(0, 8)}`;
const streamId = `${category}-${randomUUID()}`;

beforeAll(async () => {
  t = await useApiDatabase();
  list = await import('./route');
  rule = await import('./[category]/route');
  scavenge = await import('./scavenge/route');
  hold = await import('../streams/[id]/hold/route');
  await t.store.append({
    actor: operator,
    streamId,
    events: [1, 2, 3, 4].map((n) => ({ type: 'Entry', data: { n } })),
  });
});

const put = (name: string, json: unknown, token?: string | null) =>
  rule.PUT(
    apiRequest(`/api/v1/retention/${name}`, { method: 'PUT', json, token }),
    routeContext({ category: name }),
  );

const putHold = (json: unknown, token?: string | null, id = streamId) =>
  hold.PUT(
    apiRequest(`/api/v1/streams/${id}/hold`, { method: 'PUT', json, token }),
    routeContext({ id }),
  );

describe('retention over REST', () => {
  it('sets, lists and removes a rule, on the audit trail', async () => {
    const set = await put(category, { maxCount: 2 });
    expect(set.status).toBe(200);
    expect(retentionRules.parse(await set.json())).toContainEqual({
      category,
      maxAgeDays: null,
      maxCount: 2,
    });
    const listed = await list.GET(
      apiRequest('/api/v1/retention', { token: AUDITOR_TOKEN }),
      routeContext(),
    );
    expect(retentionRules.parse(await listed.json())).toContainEqual({
      category,
      maxAgeDays: null,
      maxCount: 2,
    });
    const removed = await put(category, { maxAgeDays: null });
    expect(retentionRules.parse(await removed.json()).some((r) => r.category === category)).toBe(
      false,
    );
    const chronicle = await getChronicle();
    await chronicle.audit.flush();
    const { events } = await chronicle.store.readAll({
      actor: operator,
      category: '$audit',
      types: ['RetentionChange'],
      limit: 1000,
    });
    expect(events.map((e) => (e.data as { target: string }).target)).toContain(
      `retention:${category}`,
    );
  });

  it('refuses the audit trail with a 422, bad limits with a 400', async () => {
    const audit = await expectProblem(await put('$audit', { maxCount: 1 }), 422);
    expect(audit.detail).toMatch(/audit trail/);
    await expectProblem(await put(category, { maxCount: 0 }), 400);
    await expectProblem(await put(category, { maxAgeDays: -1 }), 400);
    await expectProblem(await put(category, { keep: 3 }), 400);
  });

  it('places and lifts a legal hold', async () => {
    const placed = await putHold({ hold: true });
    expect(holdAnswer.parse(await placed.json())).toEqual({ streamId, hold: true });
    const chronicle = await getChronicle();
    expect(await chronicle.retention.isHeld({ actor: operator, streamId })).toBe(true);
    await putHold({ hold: false });
    expect(await chronicle.retention.isHeld({ actor: operator, streamId })).toBe(false);
    await expectProblem(
      await putHold({ hold: true }, undefined, `${category}-${randomUUID()}`),
      404,
    );
  });

  it('queues a scavenge once, however often asked, and shows it waiting', async () => {
    const ask = () =>
      scavenge.POST(
        apiRequest('/api/v1/retention/scavenge', { method: 'POST', token: OPERATOR_TOKEN }),
        routeContext(),
      );
    expect((await ask()).status).toBe(202);
    expect((await ask()).status).toBe(202);
    const [jobs] = await t.db.$client<{ count: number }[]>`
      select count(*)::int as count from graphile_worker.jobs where task_identifier = ${SCAVENGE_TASK}`;
    expect(jobs!.count).toBe(1);
    const status = scavengeStatus.parse(
      await (
        await scavenge.GET(
          apiRequest('/api/v1/retention/scavenge', { token: AUDITOR_TOKEN }),
          routeContext(),
        )
      ).json(),
    );
    expect(status.pending?.state).toBe('queued');
  });

  it('runs the scavenge job and schedules it by a crontab line the queue accepts', async () => {
    await put(category, { maxCount: 1 });
    const chronicle = await getChronicle();
    await retentionTasks(chronicle)[SCAVENGE_TASK]!({ requestedBy: 'test' }, {} as JobHelpers);
    const [stored] = await t.db.$client<{ count: number }[]>`
      select count(*)::int as count from events where stream_id = ${streamId}`;
    expect(stored!.count).toBe(1);
    const [item] = parseCrontab(scavengeCrontab('17 3 * * *')!);
    expect(item).toMatchObject({ task: SCAVENGE_TASK, identifier: SCAVENGE_TASK });
    expect(item?.payload).toEqual({ requestedBy: 'schedule' });
    expect(scavengeCrontab('off')).toBeUndefined();
  });

  it('answers 401 without a token and 403 for a role too low', async () => {
    await expectProblem(
      await list.GET(apiRequest('/api/v1/retention', { token: null }), routeContext()),
      401,
    );
    await expectProblem(await put(category, { maxCount: 5 }, null), 401);
    await expectProblem(await put(category, { maxCount: 5 }, OPERATOR_TOKEN), 403);
    await expectProblem(await putHold({ hold: true }, AUDITOR_TOKEN), 403);
    await expectProblem(
      await scavenge.POST(
        apiRequest('/api/v1/retention/scavenge', { method: 'POST', token: AUDITOR_TOKEN }),
        routeContext(),
      ),
      403,
    );
  });
});
