import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { GENESIS_HASH } from '../event-store/hash';
import {
  baseAbove,
  currentPositionBase,
  raisePositionBase,
  rebasePositions,
} from './position-base';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});

const readable = async (position: number) =>
  (await t.store.readAll({ actor: auditor, after: position - 1, limit: 1 })).events.length === 1;

describe('the position base', () => {
  it('is a multiple of 1024 above a position', () => {
    expect(baseAbove(0)).toBe(1024);
    expect(baseAbove(1023)).toBe(1024);
    expect(baseAbove(1024)).toBe(2048);
  });

  it('after a dump restored into a cluster whose transaction ids lie lower (pitfall 6), rebase makes the old log readable and puts new appends after it', async () => {
    expect(await currentPositionBase(t.db.$client)).toBe(0);
    const [xid] = await t.db.$client<{ xid: string }[]>`select pg_current_xact_id()::text as xid`;
    // As a dump of a busier cluster brings it: positions far above this cluster's xids × 1024.
    const restored = (Number(xid!.xid) + 1_000_000) * 1024 + 3;
    await t.db.$client`
      insert into streams (stream_id, category, version, created_at, updated_at)
      values ('dumped-1', 'dumped', 1, now(), now())`;
    await t.db.$client`
      insert into events (global_position, stream_id, category, stream_version, event_id, event_type,
        schema_version, data, metadata, occurred_at, recorded_at, transaction_id, prev_hash, hash)
      values (${restored}, 'dumped-1', 'dumped', 1, ${randomUUID()}, 'Dumped', 1, '{}', '{}', now(),
        now(), '1', ${GENESIS_HASH}, ${GENESIS_HASH})`;

    const before = await t.store.append({
      actor: operator,
      streamId: 'fresh-1',
      events: [{ type: 'New', data: {} }],
    });
    expect(before.positions[0]).toBeLessThan(restored);
    expect(await readable(restored)).toBe(false);

    const base = await rebasePositions(t.db.$client);
    expect(base).toBe(baseAbove(restored));
    expect(await readable(restored)).toBe(true);
    const after = await t.store.append({
      actor: operator,
      streamId: 'fresh-1',
      events: [{ type: 'New', data: {} }],
    });
    expect(after.positions[0]).toBeGreaterThan(restored);
    expect(after.positions[0]! % 1024).toBe(0);
  });

  it('never goes down, takes only multiples of 1024, and is the same when run again', async () => {
    const base = await rebasePositions(t.db.$client);
    expect(await rebasePositions(t.db.$client)).toBe(base);
    expect(await raisePositionBase(t.db.$client, 1024)).toBe(base);
    await expect(raisePositionBase(t.db.$client, base + 1000)).rejects.toThrow(/multiple of 1024/);
    expect(await rebasePositions(t.db.$client, base + 5000)).toBe(baseAbove(base + 5000));
  });
});
