import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$client`create table tallies (stream_id text primary key, appends int not null)`;
});

const tally = async (streamId: string) =>
  (
    await t.db.$client<
      { appends: number }[]
    >`select appends from tallies where stream_id = ${streamId}`
  )[0]?.appends;

const countAppend = (streamId: string) =>
  t.store.transact(async (tx) => {
    const result = await tx.append({
      actor: operator,
      streamId,
      events: [{ type: 'Counted', data: {} }],
    });
    await tx.sql`insert into tallies values (${streamId}, 1)
      on conflict (stream_id) do update set appends = tallies.appends + 1`;
    return result;
  });

describe('transact', () => {
  it('commits an append and the read-model write it implies together', async () => {
    const streamId = `tally-${randomUUID()}`;
    const result = await countAppend(streamId);
    expect(result.toVersion).toBe(1);
    expect(await tally(streamId)).toBe(1);
  });

  it('several appends in one transaction take consecutive positions of its transaction id', async () => {
    const [a, b] = await t.store.transact(async (tx) => [
      await tx.append({
        actor: operator,
        streamId: `tally-${randomUUID()}`,
        events: [
          { type: 'A', data: {} },
          { type: 'B', data: {} },
        ],
      }),
      await tx.append({
        actor: operator,
        streamId: `tally-${randomUUID()}`,
        events: [{ type: 'C', data: {} }],
      }),
    ]);
    expect([...a!.positions, ...b!.positions]).toEqual([
      a!.positions[0],
      a!.positions[0]! + 1,
      a!.positions[0]! + 2,
    ]);
    expect(a!.positions[0]! % 1024).toBe(0);
  });

  it('a failing read-model write takes the append back with it', async () => {
    const streamId = `tally-${randomUUID()}`;
    await expect(
      t.store.transact(async (tx) => {
        await tx.append({ actor: operator, streamId, events: [{ type: 'Counted', data: {} }] });
        await tx.sql`insert into no_such_table values (1)`;
      }),
    ).rejects.toThrow(/no_such_table/);
    await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('reruns the whole transaction when an "any" append loses a race, so counts match versions', async () => {
    const streamId = `tally-${randomUUID()}`;
    await Promise.all(Array.from({ length: 25 }, () => countAppend(streamId)));
    expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(25);
    expect(await tally(streamId)).toBe(25);
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    const positions = events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const recorded = events.map((e) => e.recordedAt);
    expect(recorded).toEqual([...recorded].sort());
  });
});

describe('transact keeps every stream in position order', () => {
  it.each([
    ['"any"', 'any' as const],
    ['an exact version', 1],
  ])(
    'an append with %s to a stream written meanwhile by a newer transaction reruns the transaction',
    async (_, expectedVersion) => {
      const x = `tally-${randomUUID()}`;
      const y = `tally-${randomUUID()}`;
      let attempts = 0;
      const written = await t.store.transact(async (tx) => {
        attempts++;
        await tx.append({ actor: operator, streamId: x, events: [{ type: 'X', data: {} }] });
        // Another transaction, begun after this one took its position base, commits to y.
        if (attempts === 1) {
          await t.store.append({
            actor: operator,
            streamId: y,
            events: [{ type: 'Y1', data: {} }],
          });
        }
        return tx.append({
          actor: operator,
          streamId: y,
          expectedVersion,
          events: [{ type: 'Y2', data: {} }],
        });
      });
      expect(attempts).toBe(2);
      expect(written).toMatchObject({ fromVersion: 2, toVersion: 2 });
      const { events } = await t.store.readStream({ actor: auditor, streamId: y });
      expect(events.map((e) => e.type)).toEqual(['Y1', 'Y2']);
      expect(events[1]!.position).toBeGreaterThan(events[0]!.position);
      await waitForHorizon(t.store, events[1]!.position);
      const all = await t.store.readAll({
        actor: auditor,
        after: events[0]!.position - 1,
        limit: 1000,
      });
      expect(all.events.filter((e) => e.streamId === y).map((e) => e.version)).toEqual([1, 2]);
      expect((await t.store.getStream({ actor: auditor, streamId: x })).version).toBe(1);
    },
  );

  it('a retry of an append already written, inside a transaction, returns the original result', async () => {
    const streamId = `tally-${randomUUID()}`;
    const events = [
      { eventId: randomUUID(), type: 'Counted', data: { n: 1 } },
      { eventId: randomUUID(), type: 'Counted', data: { n: 2 } },
    ];
    const original = await t.store.append({ actor: operator, streamId, events });
    const retried = await t.store.transact(async (tx) => {
      const result = await tx.append({ actor: operator, streamId, expectedVersion: 0, events });
      await tx.sql`insert into tallies values (${streamId}, 1)`;
      return result;
    });
    expect(retried).toEqual(original);
    expect(await tally(streamId)).toBe(1);
    expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(2);
    const reused = t.store.transact((tx) =>
      tx.append({
        actor: operator,
        streamId,
        events: [{ ...events[0]!, data: { n: 9 } }, events[1]!],
      }),
    );
    await expect(reused).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('the append function refuses more than 1024 events in a transaction on its first write too', async () => {
    const payload = JSON.stringify(
      Array.from({ length: 1025 }, () => ({
        eventId: randomUUID(),
        type: 'Bulk',
        schemaVersion: 1,
        data: {},
        metadata: {},
        contentHash: '0'.repeat(64),
      })),
    );
    const streamId = `tally-${randomUUID()}`;
    await expect(
      t.db.$client`select * from chronicle_append(${streamId}, -1, ${payload}::jsonb)`,
    ).rejects.toMatchObject({ code: '54000' });
    await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
