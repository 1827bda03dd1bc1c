import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, waitForHorizon, type TestDatabase } from '@/test/database';
import { catchUp, countedFromLog, eventStatsRows, seedEvents } from '@/test/projections';
import type { Queryable } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import { eventStats } from './event-stats';
import { agentActivity } from './agent-activity';
import type { Projection } from './projection';
import { step } from './runner';
import { createProjections } from './projections';

let t: TestDatabase;
const system = { id: 'test', role: 'admin', via: 'system' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$client`
    create table probe_applied (
      projection text, position bigint, stream_id text, times int not null,
      primary key (projection, position))`;
});

/**
 * A projection that records every event it applies (and how many times), optionally slowly,
 * and refuses events whose data says `poison` until `cured` is set.
 */
function probe(
  name: string,
  {
    policy = 'park',
    delayMs = 0,
    state = { cured: false },
  }: { policy?: 'park' | 'stop'; delayMs?: number; state?: { cured: boolean } } = {},
): Projection & { state: { cured: boolean } } {
  return {
    name,
    version: 1,
    kind: 'async',
    description: 'test probe',
    categories: [name],
    tables: ['probe_applied'],
    policy,
    maxAttempts: 2,
    state,
    apply: async (sql: Queryable, events: readonly RecordedEvent[]) => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (!state.cured && events.some((event) => event.data.poison === true)) {
        throw new Error('poisoned');
      }
      for (const event of events) {
        await sql`
          insert into probe_applied (projection, position, stream_id, times)
          values (${name}, ${event.position}, ${event.streamId}, 1)
          on conflict (projection, position) do update set times = probe_applied.times + 1`;
      }
    },
  };
}

async function applied(name: string) {
  return t.db.$client<{ position: number; stream_id: string; times: number }[]>`
    select position, stream_id, times from probe_applied where projection = ${name}
    order by position`;
}

async function positionsOf(category: string) {
  const rows = await t.db.$client<{ global_position: number; stream_id: string }[]>`
    select global_position, stream_id from events where category = ${category}
    order by global_position`;
  return rows.map((row) => ({ position: row.global_position, stream_id: row.stream_id }));
}

async function failuresOf(name: string) {
  return t.db.$client<{ stream_id: string; status: string; attempts: number; error: string }[]>`
    select stream_id, status, attempts, error from projection_failures where projection = ${name}
    order by global_position`;
}

async function checkpointOf(name: string) {
  const [row] = await t.db.$client<{ position: number; status: string; last_error: string }[]>`
    select position, status, last_error from projections where name = ${name}`;
  return row!;
}

const append = (streamId: string, data: Record<string, unknown>[]) =>
  t.store.append({
    actor: system,
    streamId,
    events: data.map((d) => ({ type: 'Probed', data: d })),
  });

describe('an async projection', () => {
  it('applies every event once and keeps its checkpoint with its rows (event-stats)', async () => {
    await seedEvents(t.store, { category: 'sensor', streams: 7, count: 2_345 });
    await seedEvents(t.store, { category: 'audit', streams: 2, count: 300 });
    const { positions } = await append('probe-x', [{}]);
    await waitForHorizon(t.store, positions[0]!);
    const outcome = await catchUp(t.store, eventStats, 400);
    expect(outcome.outcome).toBe('idle');
    expect(await eventStatsRows(t.db.$client)).toEqual(await countedFromLog(t.db.$client));
    expect((await checkpointOf('event-stats')).position).toBeGreaterThanOrEqual(positions[0]!);
    // Caught up: another step applies nothing and leaves the rows as they are.
    expect((await step(t.store.context, eventStats)).outcome).toBe('idle');
    expect(await eventStatsRows(t.db.$client)).toEqual(await countedFromLog(t.db.$client));
  });

  it('writes nothing at a step that finds nothing new: its checkpoint row stays the same version', async () => {
    const name = 'idleprobe';
    const rowVersion = async () => {
      const [row] = await t.db.$client<{ xmin: string }[]>`
        select xmin::text from projections where name = ${name}`;
      return row?.xmin;
    };
    expect(await rowVersion()).toBeUndefined();
    expect((await step(t.store.context, probe(name))).outcome).toBe('idle');
    const made = await rowVersion();
    expect(made).toBeDefined();
    for (let i = 0; i < 3; i++) {
      expect((await step(t.store.context, probe(name))).outcome).toBe('idle');
    }
    expect(await rowVersion()).toBe(made);
    const { positions } = await append(`${name}-1`, [{}]);
    await waitForHorizon(t.store, positions[0]!);
    expect((await step(t.store.context, probe(name))).outcome).toBe('advanced');
    expect(await rowVersion()).not.toBe(made);
    expect((await checkpointOf(name)).position).toBeGreaterThanOrEqual(positions[0]!);
  });

  it('sums agent activity per agent and day exactly (agent-activity)', async () => {
    const costs = [0.1, 0.2, 0.30000000000000004, 1e-7, 12.5];
    const { positions } = await t.store.append({
      actor: system,
      streamId: 'agent-a1',
      events: [
        ...costs.flatMap((costUsd, i) => [
          { type: 'AgentTaskStarted', data: { taskId: `t${i}` } },
          {
            type: 'AgentTaskCompleted',
            data: { taskId: `t${i}`, tokensIn: 10, tokensOut: 5, costUsd },
            occurredAt: new Date(`2026-11-0${1 + (i % 2)}T10:00:00Z`),
          },
        ]),
        { type: 'AgentTaskFailed', data: { taskId: 'x', error: 'boom' } },
      ],
    });
    await waitForHorizon(t.store, positions.at(-1)!);
    await catchUp(t.store, agentActivity, 3);
    const rows = await t.db.$client`
      select day::text, tasks, completed, failed, tokens_in, tokens_out, cost_usd::text
      from agent_activity_daily where agent_id = 'a1' order by day`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      expect.objectContaining({
        day: '2026-11-01',
        completed: 3,
        tokens_in: 30,
        cost_usd: '12.90000000000000004',
      }),
      expect.objectContaining({
        day: '2026-11-02',
        completed: 2,
        tokens_out: 10,
        cost_usd: '0.2000001',
      }),
      expect.objectContaining({ tasks: 5, failed: 1, completed: 0 }),
    ]);
  });
});

describe('two runners on one projection', () => {
  it('one advances while the other finds it busy; no event is applied twice', async () => {
    const slow = probe('probetwo', { delayMs: 300 });
    await seedEvents(t.store, { category: 'probetwo', streams: 3, count: 1_200 });
    await waitForHorizon(t.store, (await positionsOf('probetwo')).at(-1)!.position);
    const outcomes = await Promise.all([
      step(t.store.context, slow, { batchSize: 100 }),
      step(t.store.context, slow, { batchSize: 100 }),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['advanced', 'busy']);
    // Two runners following together to the end.
    const fast = probe('probetwo');
    await Promise.all([catchUp(t.store, fast, 50), catchUp(t.store, fast, 70)]);
    const rows = await applied('probetwo');
    expect(rows.map(({ position, stream_id }) => ({ position, stream_id }))).toEqual(
      await positionsOf('probetwo'),
    );
    expect(rows.every((row) => row.times === 1)).toBe(true);
  });
});

describe('a poison event', () => {
  it('policy park: retried, recorded, its stream parked, other streams go on; retry after the fix catches up', async () => {
    const projection = probe('probepark');
    await append('probepark-a', [{ n: 1 }, { n: 2, poison: true }, { n: 3 }]);
    await append('probepark-b', [{ n: 1 }, { n: 2 }]);
    const { positions } = await append('probepark-a', [{ n: 4 }]);
    await waitForHorizon(t.store, positions[0]!);
    await catchUp(t.store, projection);

    const failures = await failuresOf('probepark');
    expect(failures).toEqual([
      { stream_id: 'probepark-a', status: 'failed', attempts: 2, error: 'poisoned' },
      expect.objectContaining({ stream_id: 'probepark-a', status: 'parked' }),
      expect.objectContaining({ stream_id: 'probepark-a', status: 'parked' }),
    ]);
    const done = await applied('probepark');
    expect(done.map((row) => row.stream_id)).toEqual(['probepark-a', 'probepark-b', 'probepark-b']);
    const checkpoint = await checkpointOf('probepark');
    expect(checkpoint.status).toBe('running');
    expect(checkpoint.position).toBeGreaterThanOrEqual(positions[0]!);
    expect(checkpoint.last_error).toContain('poisoned');

    // Later events of the parked stream are parked too; others still flow.
    await append('probepark-b', [{ n: 3 }]);
    const last = await append('probepark-a', [{ n: 5 }]);
    await waitForHorizon(t.store, last.positions[0]!);
    await catchUp(t.store, projection);
    expect((await failuresOf('probepark')).length).toBe(4);

    const projections = createProjections(t.store.context, [projection]);
    const [failed] = await projections.failures({ actor: system, projection: 'probepark' });
    const stillBroken = await projections.retry({
      actor: system,
      projection: 'probepark',
      failureId: failed!.id,
    });
    expect(stillBroken).toEqual({ retried: 0, error: 'poisoned' });
    expect((await failuresOf('probepark'))[0]).toMatchObject({ status: 'failed', attempts: 3 });

    projection.state.cured = true;
    const retried = await projections.retry({
      actor: system,
      projection: 'probepark',
      failureId: failed!.id,
    });
    expect(retried).toEqual({ retried: 4, error: null });
    expect(await failuresOf('probepark')).toEqual([]);
    expect((await checkpointOf('probepark')).last_error).toBeNull();
    // What a clean rebuild gives: every event of the category, each once.
    const rows = await applied('probepark');
    expect(
      rows
        .map(({ position, stream_id }) => ({ position, stream_id }))
        .sort((a, b) => a.position - b.position),
    ).toEqual(await positionsOf('probepark'));
    expect(rows.every((row) => row.times === 1)).toBe(true);
  });

  it('policy stop: halts before it; skip goes on without it, retry applies it', async () => {
    const projection = probe('probestop', { policy: 'stop' });
    await append('probestop-a', [{ n: 1 }, { n: 2, poison: true }]);
    const { positions } = await append('probestop-b', [{ n: 1 }]);
    await waitForHorizon(t.store, positions[0]!);
    const outcome = await catchUp(t.store, projection);
    expect(outcome.outcome).toBe('stopped');
    const all = await positionsOf('probestop');
    expect(await checkpointOf('probestop')).toMatchObject({
      status: 'stopped',
      position: all[1]!.position - 1,
    });
    expect((await applied('probestop')).length).toBe(1);

    const projections = createProjections(t.store.context, [projection]);
    const [failed] = await projections.failures({ actor: system, projection: 'probestop' });
    await projections.skip({ actor: system, projection: 'probestop', failureId: failed!.id });
    await catchUp(t.store, projection);
    expect((await applied('probestop')).map((r) => r.position)).toEqual([
      all[0]!.position,
      all[2]!.position,
    ]);
    expect(await failuresOf('probestop')).toEqual([expect.objectContaining({ status: 'skipped' })]);
    await expect(
      projections.retry({ actor: system, projection: 'probestop', failureId: failed!.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('policy stop, retried once fixed: the runner applies it and goes on', async () => {
    const projection = probe('probefix', { policy: 'stop' });
    await append('probefix-a', [{ n: 1, poison: true }, { n: 2 }]);
    const { positions } = await append('probefix-b', [{ n: 1 }]);
    await waitForHorizon(t.store, positions[0]!);
    await catchUp(t.store, projection);
    const projections = createProjections(t.store.context, [projection]);
    const [failed] = await projections.failures({ actor: system, projection: 'probefix' });
    projection.state.cured = true;
    await projections.retry({ actor: system, projection: 'probefix', failureId: failed!.id });
    await catchUp(t.store, projection);
    expect((await applied('probefix')).map((r) => r.position)).toEqual(
      (await positionsOf('probefix')).map((r) => r.position),
    );
    expect(await checkpointOf('probefix')).toMatchObject({ status: 'running', last_error: null });
  });
});
