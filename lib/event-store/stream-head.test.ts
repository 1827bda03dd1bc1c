import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { streamsOffTheirHead } from '@/test/stream-heads';
import { auditEvent } from '../audit/audit-event';
import { createAuditTrail } from '../audit/audit-trail';
import { ChronicleError } from '../errors';
import type { ExpectedVersion } from './types';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});

const event = (n: number) => ({ type: 'Counted', data: { n } });

describe("a stream's head", () => {
  it('is its last event after every kind of write: single, batch, transaction, audit move', async () => {
    const a = `tally-${randomUUID()}`;
    const b = `tally-${randomUUID()}`;
    const append = (streamId: string, expectedVersion: ExpectedVersion, count = 1) =>
      t.store.append({
        actor: operator,
        streamId,
        expectedVersion,
        events: Array.from({ length: count }, (_, i) => event(i)),
        audit: auditEvent({ actor: operator }, 'StreamAppend', 'succeeded', streamId),
      });
    await append(a, 'no_stream');
    await append(a, 1);
    await append(a, 'stream_exists');
    await append(a, 'any');
    await append(a, 'any', 5);
    await append(b, 0, 3);
    await t.store.transact(async (tx) => {
      await tx.append({ actor: operator, streamId: a, events: [event(1)] });
      await tx.append({ actor: operator, streamId: b, events: [event(2), event(3)] });
      await tx.append({ actor: operator, streamId: a, events: [event(4)] });
    });
    await append(b, 'any');
    expect(await createAuditTrail({ store: t.store }).move()).toBe(7);

    expect(await streamsOffTheirHead(t.db.$client)).toEqual([]);
    for (const streamId of [a, b]) {
      expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
        valid: true,
      });
    }
    expect((await t.store.getStream({ actor: auditor, streamId: a })).version).toBe(11);
  });

  it('stays one unbroken chain in position order under concurrent writers of every kind', async () => {
    const streams = Array.from({ length: 3 }, () => `tally-${randomUUID()}`);
    for (const streamId of streams) {
      await t.store.append({ actor: operator, streamId, events: [event(0)] });
    }
    const writer = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        const streamId = streams[(w + i) % streams.length]!;
        const kind = (w + i) % 4;
        if (kind === 3) {
          // An exact version, read first, as a command handler has it: retried when beaten.
          for (;;) {
            const { version } = await t.store.getStream({ actor: auditor, streamId });
            try {
              await t.store.append({
                actor: operator,
                streamId,
                expectedVersion: version,
                events: [event(i)],
              });
              break;
            } catch (error) {
              if (!(error instanceof ChronicleError && error.code === 'concurrency')) throw error;
            }
          }
        } else {
          await t.store.append({
            actor: operator,
            streamId,
            expectedVersion: kind === 1 ? 'stream_exists' : 'any',
            events: Array.from({ length: kind === 2 ? 3 : 1 }, (_, n) => event(n)),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => writer(w)));

    expect(await streamsOffTheirHead(t.db.$client)).toEqual([]);
    let total = 0;
    for (const streamId of streams) {
      const { events } = await t.store.readStream({ actor: auditor, streamId, limit: 1000 });
      const positions = events.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
        valid: true,
        checkedEvents: events.length,
      });
      total += events.length;
    }
    // 3 first events; of 180 appends, 45 are batches of 3.
    expect(total).toBe(3 + 135 + 45 * 3);
  });

  it('verify finds a stream intact while writers go on appending to it', async () => {
    const streamId = `tally-${randomUUID()}`;
    await t.store.append({ actor: operator, streamId, events: [event(0)] });
    let writing = true;
    const writer = async () => {
      while (writing) await t.store.append({ actor: operator, streamId, events: [event(1)] });
    };
    const writers = Array.from({ length: 4 }, writer);
    try {
      for (let i = 0; i < 25; i++) {
        const result = await t.store.verifyStream({ actor: auditor, streamId });
        expect(result).toMatchObject({ valid: true, firstInvalidVersion: null });
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }
  });

  it.each([
    ['hash', `head_hash = '${'a'.repeat(64)}'`],
    ['hash before it', `head_prev = '${'b'.repeat(64)}'`],
    ['position', 'head_position = head_position + 1'],
  ])(
    'verify names the last version when the stored head (%s) is not its last event',
    async (_, change) => {
      const streamId = `tally-${randomUUID()}`;
      await t.store.append({ actor: operator, streamId, events: [event(1), event(2)] });
      expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
        valid: true,
      });
      await t.db
        .$client`update streams set ${t.db.$client.unsafe(change)} where stream_id = ${streamId}`;
      expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
        valid: false,
        firstInvalidVersion: 2,
        checkedEvents: 2,
      });
    },
  );

  it("holds a stream with no stored event to its anchor's hash, the one thing left to check", async () => {
    const streamId = `tally-${randomUUID()}`;
    await t.store.append({ actor: operator, streamId, events: [event(1), event(2), event(3)] });
    // Every event removed, as retention removes a prefix, with the anchor it leaves.
    await t.db.$client.begin(async (tx) => {
      await tx`
        insert into stream_truncations (stream_id, anchor_version, anchor_hash, removed_events)
        select stream_id, 3, hash, 3 from events where stream_id = ${streamId} and stream_version = 3`;
      await tx`select chronicle_remove_events(${streamId}, 3, 'retention')`;
    });
    const verify = () => t.store.verifyStream({ actor: auditor, streamId });
    const intact = { valid: true, checkedEvents: 0, anchorVersion: 3, firstInvalidVersion: null };
    expect(await verify()).toMatchObject(intact);
    const change = (assignment: string) =>
      t.db
        .$client`update streams set ${t.db.$client.unsafe(assignment)} where stream_id = ${streamId}`;
    // The hash before it and the position still name the removed event: either may stay.
    await change(`head_prev = null, head_position = null`);
    expect(await verify()).toMatchObject(intact);
    await change(`head_hash = '${'a'.repeat(64)}'`);
    expect(await verify()).toMatchObject({ valid: false, firstInvalidVersion: 3 });
  });
});
