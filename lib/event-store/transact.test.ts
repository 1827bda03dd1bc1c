import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';

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
