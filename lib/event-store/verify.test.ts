import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { GENESIS_HASH, chainHash, contentHash } from './hash';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});

async function streamWith(count: number) {
  const streamId = `ledger-${randomUUID()}`;
  for (let i = 0; i < count; i++) {
    await t.store.append({
      actor: operator,
      streamId,
      events: [{ type: 'Entry', data: { i, note: `entry ${i}`, nested: { z: 1, a: [1.5, 'x'] } } }],
    });
  }
  return streamId;
}

/** Changes a stored row behind the immutability trigger, as someone with superuser access could. */
async function tamper(streamId: string, version: number, set: string) {
  await t.db.$client.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(`update events set ${set} where stream_id = $1 and stream_version = $2`, [
      streamId,
      version,
    ]);
  });
}

describe('hash chain', () => {
  it('links each event to the previous one, starting from 64 zeros, as docs/integrity.md describes', async () => {
    const streamId = await streamWith(3);
    const { events } = await t.store.readStream({ actor: auditor, streamId, raw: true });
    let prevHash = GENESIS_HASH;
    for (const e of events) {
      expect(e.prevHash).toBe(prevHash);
      const recomputed = chainHash({
        prevHash,
        version: e.version,
        occurredAtMs: Date.parse(e.occurredAt),
        recordedAtMs: Date.parse(e.recordedAt),
        contentHash: contentHash(e),
      });
      expect(e.hash).toBe(recomputed);
      prevHash = e.hash;
    }
    expect((await t.store.getStream({ actor: auditor, streamId })).lastHash).toBe(prevHash);
  });

  it("computes the chain step in SQL as chainHash does, inlined into the append's statements", async () => {
    const link = {
      prevHash: 'ab'.repeat(32),
      version: 42,
      occurredAtMs: 1_700_000_000_123,
      recordedAtMs: 1_700_000_000_456,
      contentHash: 'cd'.repeat(32),
    };
    const sql = t.db.$client;
    const args = [
      link.prevHash,
      link.version,
      link.occurredAtMs,
      link.recordedAtMs,
      link.contentHash,
    ];
    const [row] = await sql.unsafe<{ hash: string }[]>(
      'select chronicle_link_hash($1, $2, $3, $4, $5) as hash',
      args,
    );
    expect(row?.hash).toBe(chainHash(link));
    // Called rather than inlined, the step runs through the SQL-function executor per event.
    const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(
      'explain (verbose, costs off) select chronicle_link_hash($1::text, $2::bigint, $3::bigint, $4::bigint, $5::text)',
      args,
    );
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('sha256');
    expect(text).not.toContain('chronicle_link_hash');
  });

  it('the example in docs/integrity.md verifies an export and catches a change', async () => {
    const doc = readFileSync('docs/integrity.md', 'utf8');
    const example = /## Example[^`]*```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toContain('export function verify');
    const dir = path.resolve('.data/tmp');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `integrity-example-${randomUUID()}.mjs`);
    writeFileSync(file, example!);
    const { verify } = (await import(file)) as {
      verify: (events: unknown[]) => {
        valid: boolean;
        firstInvalidVersion?: number;
        headHash?: string;
      };
    };
    const streamId = await streamWith(4);
    const exported = JSON.parse(
      JSON.stringify((await t.store.readStream({ actor: auditor, streamId, raw: true })).events),
    ) as {
      data: Record<string, unknown>;
    }[];
    expect(verify(exported)).toEqual({
      valid: true,
      headHash: (await t.store.getStream({ actor: auditor, streamId })).lastHash,
    });
    exported[2]!.data = { ...exported[2]!.data, note: 'changed' };
    expect(verify(exported)).toEqual({ valid: false, firstInvalidVersion: 3 });
  });

  it('verify passes on an untouched stream', async () => {
    const streamId = await streamWith(5);
    const result = await t.store.verifyStream({ actor: auditor, streamId });
    expect(result).toMatchObject({
      streamId,
      valid: true,
      checkedEvents: 5,
      firstInvalidVersion: null,
    });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['data', `data = jsonb_set(data, '{note}', '"rewritten"')`],
    ['metadata', `metadata = metadata || '{"actor":"mallory"}'`],
    ['type', `event_type = 'Other'`],
    ['occurred time', `occurred_at = occurred_at - interval '1 day'`],
    ['recorded time', `recorded_at = recorded_at + interval '1 ms'`],
    ['stored hash', `hash = repeat('a', 64)`],
  ])('verify finds a changed %s at its version', async (_, set) => {
    const streamId = await streamWith(5);
    await tamper(streamId, 3, set);
    const result = await t.store.verifyStream({ actor: auditor, streamId });
    expect(result).toMatchObject({ valid: false, firstInvalidVersion: 3, checkedEvents: 2 });
  });

  it('verify judges the stored number text: a number changed beyond what a double holds is found', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await t.store.append({
      actor: operator,
      streamId,
      events: [
        { type: 'Payment', data: { amount: 0.1, accountNo: 9007199254740992 } },
        { type: 'Payment', data: { amount: 1 } },
      ],
    });
    // Both read back as the very doubles that were hashed, so only the stored text can tell.
    await tamper(
      streamId,
      1,
      `data = '{"amount": 0.10000000000000000001, "accountNo": 9007199254740993}'`,
    );
    await tamper(streamId, 2, `data = '{"amount": 1.0}'`);
    const [row] = await t.db.$client<{ account: string }[]>`
      select data ->> 'accountNo' as account from events where stream_id = ${streamId} and stream_version = 1`;
    expect(row?.account).toBe('9007199254740993');
    expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
      valid: false,
      firstInvalidVersion: 1,
    });
    await tamper(streamId, 1, `data = '{"amount": 0.1, "accountNo": 9007199254740992}'`);
    expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
      valid: false,
      firstInvalidVersion: 2,
    });
  });

  it('honest numbers of every magnitude verify: what is hashed is what PostgreSQL stores', async () => {
    const words = new Uint32Array(2);
    const bits = new Float64Array(words.buffer);
    const random: number[] = [];
    let seed = 7;
    while (random.length < 2000) {
      for (let w = 0; w < 2; w++) words[w] = seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      if (Number.isFinite(bits[0])) random.push(bits[0]!);
    }
    const edges = [
      0,
      -0,
      1e21,
      1e-7,
      5e-324,
      -5e-324,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MAX_SAFE_INTEGER,
      123456789012345680000,
      0.1,
      1 / 3,
      2 ** -1074,
      1e300,
      1.5e-300,
    ];
    const values = [...edges, ...random];
    const streamId = `ledger-${randomUUID()}`;
    for (let i = 0; i < values.length; i += 500) {
      await t.store.append({
        actor: operator,
        streamId,
        events: values.slice(i, i + 500).map((value) => ({ type: 'Reading', data: { value } })),
      });
    }
    expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
      valid: true,
      checkedEvents: values.length,
    });
  });

  it('concurrent writers to one stream never fork the chain', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.store.append({
          actor: operator,
          streamId,
          events: [
            { type: 'Entry', data: { i } },
            { type: 'Entry', data: { i, second: true } },
          ],
        }),
      ),
    );
    const result = await t.store.verifyStream({ actor: auditor, streamId });
    expect(result).toMatchObject({ valid: true, checkedEvents: 60 });
    const [row] = await t.db.$client<{ forks: number }[]>`
      select count(*)::int as forks from (
        select prev_hash from events where stream_id = ${streamId} group by prev_hash having count(*) > 1) f`;
    expect(row?.forks).toBe(0);
  });
});

describe('immutability', () => {
  it('the database rejects UPDATE, DELETE and TRUNCATE on events', async () => {
    const streamId = await streamWith(1);
    await expect(
      t.db.$client`update events set data = '{}' where stream_id = ${streamId}`,
    ).rejects.toThrow(/immutable/);
    await expect(t.db.$client`delete from events where stream_id = ${streamId}`).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.$client`truncate events`).rejects.toThrow(/immutable/);
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    expect(events).toHaveLength(1);
  });
});
