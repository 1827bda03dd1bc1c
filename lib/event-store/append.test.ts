import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChronicleError } from '../errors';
import { createEventStore } from '.';
import { auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});

const stream = (category = 'order') => `${category}-${randomUUID()}`;
const event = (type = 'Happened', data: Record<string, unknown> = { n: 1 }) => ({ type, data });

async function rejection(promise: Promise<unknown>): Promise<ChronicleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChronicleError);
  return error as ChronicleError;
}

describe('append', () => {
  it('numbers versions from 1 and returns increasing positions', async () => {
    const streamId = stream();
    const first = await t.store.append({ actor: operator, streamId, events: [event(), event()] });
    expect(first).toMatchObject({ streamId, fromVersion: 1, toVersion: 2 });
    const second = await t.store.append({ actor: operator, streamId, events: [event()] });
    expect(second).toMatchObject({ fromVersion: 3, toVersion: 3 });
    const positions = [...first.positions, ...second.positions];
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(3);
    positions.forEach((p) => expect(p).toBeLessThan(2 ** 53));
    const info = await t.store.getStream({ actor: auditor, streamId });
    expect(info).toMatchObject({ streamId, category: 'order', version: 3 });
  });

  it('adds correlationId, causationId and actor to metadata and defaults occurredAt to recordedAt', async () => {
    const streamId = stream();
    await t.store.append({
      actor: operator,
      streamId,
      events: [event(), { ...event(), metadata: { tenant: 'a' } }],
    });
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    const [a, b] = events;
    expect(a?.metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b?.metadata).toMatchObject({
      tenant: 'a',
      correlationId: a?.metadata.correlationId,
      actor: operator.id,
    });
    expect(a?.metadata.causationId).toBe(a?.metadata.correlationId);
    expect(a?.occurredAt).toBe(a?.recordedAt);
  });

  it('keeps a given occurredAt', async () => {
    const streamId = stream();
    const occurredAt = new Date('2020-02-03T04:05:06.789Z');
    await t.store.append({ actor: operator, streamId, events: [{ ...event(), occurredAt }] });
    const { events } = await t.store.readStream({ actor: auditor, streamId });
    expect(events[0]?.occurredAt).toBe('2020-02-03T04:05:06.789Z');
    expect(events[0]?.recordedAt).not.toBe(events[0]?.occurredAt);
  });

  describe('expectedVersion', () => {
    it('exact: succeeds at the current version, fails naming the current version otherwise', async () => {
      const streamId = stream();
      await t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 0 });
      await t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 1 });
      const error = await rejection(
        t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 1 }),
      );
      expect(error.code).toBe('concurrency');
      expect(error.details.currentVersion).toBe(2);
      const ahead = await rejection(
        t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 7 }),
      );
      expect(ahead.details.currentVersion).toBe(2);
    });

    it('no_stream (and 0): only for a stream that does not exist', async () => {
      const streamId = stream();
      await t.store.append({
        actor: operator,
        streamId,
        events: [event()],
        expectedVersion: 'no_stream',
      });
      const error = await rejection(
        t.store.append({
          actor: operator,
          streamId,
          events: [event()],
          expectedVersion: 'no_stream',
        }),
      );
      expect(error.details.currentVersion).toBe(1);
      expect(
        (
          await rejection(
            t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 0 }),
          )
        ).code,
      ).toBe('concurrency');
    });

    it('stream_exists: fails on a new stream, succeeds on an existing one', async () => {
      const streamId = stream();
      const error = await rejection(
        t.store.append({
          actor: operator,
          streamId,
          events: [event()],
          expectedVersion: 'stream_exists',
        }),
      );
      expect(error.details.currentVersion).toBe(0);
      await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
        code: 'not_found',
      });
      await t.store.append({ actor: operator, streamId, events: [event()] });
      const ok = await t.store.append({
        actor: operator,
        streamId,
        events: [event()],
        expectedVersion: 'stream_exists',
      });
      expect(ok.toVersion).toBe(2);
    });

    it('any: appends whatever the version', async () => {
      const streamId = stream();
      await t.store.append({
        actor: operator,
        streamId,
        events: [event()],
        expectedVersion: 'any',
      });
      const ok = await t.store.append({
        actor: operator,
        streamId,
        events: [event()],
        expectedVersion: 'any',
      });
      expect(ok.toVersion).toBe(2);
    });

    it('refuses malformed values', async () => {
      for (const expectedVersion of [-1, 1.5, Number.NaN, 'latest'] as never[]) {
        const error = await rejection(
          t.store.append({
            actor: operator,
            streamId: stream(),
            events: [event()],
            expectedVersion,
          }),
        );
        expect(error.code).toBe('validation');
      }
    });
  });

  it('of 32 concurrent appends with one expectedVersion exactly one succeeds', async () => {
    const streamId = stream();
    await t.store.append({ actor: operator, streamId, events: [event()] });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 32 }, () =>
        t.store.append({ actor: operator, streamId, events: [event()], expectedVersion: 1 }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(31);
    for (const { reason } of lost)
      expect(reason).toMatchObject({ code: 'concurrency', details: { currentVersion: 2 } });
    expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(2);
  });

  it('of 32 concurrent creations of one stream with no_stream exactly one succeeds', async () => {
    const streamId = stream();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 32 }, () =>
        t.store.append({
          actor: operator,
          streamId,
          events: [event()],
          expectedVersion: 'no_stream',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('concurrent "any" appends never fail and keep positions in version order', async () => {
    const streamId = stream();
    await Promise.all(
      Array.from({ length: 40 }, () =>
        t.store.append({ actor: operator, streamId, events: [event()] }),
      ),
    );
    const { events } = await t.store.readStream({ actor: auditor, streamId, limit: 1000 });
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const positions = events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('an "any" append to a stream held by an open transaction waits its turn and lands after it', async () => {
    const streamId = stream();
    await t.store.append({ actor: operator, streamId, events: [event()] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const inTransaction = new Promise<void>((resolve) => (appended = resolve));
    const first = t.store.transact(async (tx) => {
      const result = await tx.append({ actor: operator, streamId, events: [event()] });
      appended();
      await held;
      return result;
    });
    await inTransaction;
    const second = t.store.append({ actor: operator, streamId, events: [event()] });
    // It queues on the stream's lock rather than reading a stale version and retrying.
    for (;;) {
      const [row] = await t.db.$client<{ waiting: number }[]>`
        select count(*)::int as waiting from pg_locks
        where locktype = 'advisory' and not granted and classid = ${0x43484150}
          and objid = hashtext(${streamId})::oid`;
      if (row!.waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.toVersion).toBe(2);
    expect(b.toVersion).toBe(3);
    expect(b.positions[0]).toBeGreaterThan(a.positions[0]!);
  });

  it('writes a batch atomically: a bad event in it writes nothing', async () => {
    const streamId = stream();
    await t.store.append({ actor: operator, streamId, events: [event()] });
    const error = await rejection(
      t.store.append({ actor: operator, streamId, events: [event(), event('bad type!'), event()] }),
    );
    expect(error.code).toBe('validation');
    expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(1);
  });

  it('writes a batch atomically: a database failure mid-batch writes nothing', async () => {
    const streamId = stream();
    const taken = randomUUID();
    await t.store.append({
      actor: operator,
      streamId: stream(),
      events: [{ ...event(), eventId: taken }],
    });
    await rejection(
      t.store.append({
        actor: operator,
        streamId,
        events: [event(), { ...event(), eventId: taken }],
      }),
    );
    await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
      code: 'not_found',
    });
    const [row] = await t.db.$client<
      { count: number }[]
    >`select count(*)::int as count from events where stream_id = ${streamId}`;
    expect(row?.count).toBe(0);
  });

  describe('idempotency', () => {
    it('a retry with the same event ids writes nothing and returns the original result', async () => {
      const streamId = stream();
      const events = [
        { eventId: randomUUID(), ...event('A', { x: 1 }) },
        { eventId: randomUUID(), ...event('B', { y: [1, 2] }) },
      ];
      const original = await t.store.append({
        actor: operator,
        streamId,
        events,
        expectedVersion: 'no_stream',
      });
      await t.store.append({ actor: operator, streamId, events: [event()] });
      const exactRetry = await t.store.append({
        actor: operator,
        streamId,
        events,
        expectedVersion: 'no_stream',
      });
      const anyRetry = await t.store.append({ actor: operator, streamId, events });
      expect(exactRetry).toEqual(original);
      expect(anyRetry).toEqual(original);
      expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(3);
    });

    it('a retry survives key order differences in data', async () => {
      const streamId = stream();
      const eventId = randomUUID();
      const original = await t.store.append({
        actor: operator,
        streamId,
        events: [{ eventId, type: 'A', data: { a: 1, b: 2 } }],
      });
      const retry = await t.store.append({
        actor: operator,
        streamId,
        events: [{ eventId, type: 'A', data: { b: 2, a: 1 } }],
      });
      expect(retry).toEqual(original);
    });

    it('reusing an event id for other content is a conflict', async () => {
      const streamId = stream();
      const eventId = randomUUID();
      await t.store.append({
        actor: operator,
        streamId,
        events: [{ eventId, ...event('A', { x: 1 }) }],
      });
      const changed = await rejection(
        t.store.append({
          actor: operator,
          streamId,
          events: [{ eventId, ...event('A', { x: 2 }) }],
        }),
      );
      expect(changed.code).toBe('idempotency_conflict');
      const elsewhere = await rejection(
        t.store.append({
          actor: operator,
          streamId: stream(),
          events: [{ eventId, ...event('A', { x: 1 }) }],
        }),
      );
      expect(elsewhere.code).toBe('idempotency_conflict');
      const larger = await rejection(
        t.store.append({
          actor: operator,
          streamId,
          events: [
            { eventId, ...event('A', { x: 1 }) },
            { eventId: randomUUID(), ...event() },
          ],
        }),
      );
      expect(larger.code).toBe('idempotency_conflict');
      expect((await t.store.getStream({ actor: auditor, streamId })).version).toBe(1);
    });
  });

  describe('times', () => {
    it('stores instants from year 0001 to 9999 exactly, to the millisecond, and they verify', async () => {
      // A store that allows any clock skew, so that far-future business times can be written.
      const lenient = createEventStore({ db: t.db, maxClockSkewMs: Number.MAX_SAFE_INTEGER });
      const streamId = stream();
      const times = [
        '0001-01-01T00:00:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '5000-01-01T00:00:00.001Z',
        '9999-12-31T23:59:59.999Z',
      ];
      await lenient.append({
        actor: operator,
        streamId,
        events: times.map((time) => ({ ...event(), occurredAt: new Date(time) })),
      });
      const { events } = await t.store.readStream({ actor: auditor, streamId });
      expect(events.map((e) => e.occurredAt)).toEqual(times);
      expect(await t.store.verifyStream({ actor: auditor, streamId })).toMatchObject({
        valid: true,
      });
    });

    it.each([
      [
        'year 0000',
        '0000-06-01T00:00:00.000Z',
        /events\[0\]\.occurredAt must be an instant from 0001/,
      ],
      [
        'year 10000',
        '+010000-01-01T11:59:59.999Z',
        /must be an instant .* to 9999-12-31T23:59:59\.999Z/,
      ],
      ['an invalid date', 'soon', /events\[0\]\.occurredAt is not a valid date/],
    ])('refuses an occurredAt in %s and writes nothing', async (_, time, message) => {
      const streamId = stream();
      const error = await rejection(
        t.store.append({
          actor: operator,
          streamId,
          events: [{ ...event(), occurredAt: new Date(time) }],
        }),
      );
      expect(error).toMatchObject({
        code: 'validation',
        message: expect.stringMatching(message) as unknown,
      });
      await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('refuses an occurredAt later than now by more than the clock tolerance, and takes one within it', async () => {
      const strict = createEventStore({ db: t.db, maxClockSkewMs: 60_000 });
      const streamId = stream();
      const error = await rejection(
        strict.append({
          actor: operator,
          streamId,
          events: [{ ...event(), occurredAt: new Date(Date.now() + 120_000) }],
        }),
      );
      expect(error.message).toMatch(/is in the future: .* \(clock tolerance 60000 ms\)/);
      const within = new Date(Date.now() + 30_000);
      await strict.append({
        actor: operator,
        streamId,
        events: [{ ...event(), occurredAt: within }],
      });
      const { events } = await t.store.readStream({ actor: auditor, streamId });
      expect(events[0]?.occurredAt).toBe(within.toISOString());
    });

    it('refuses times outside the range in $all and time-travel reads instead of failing', async () => {
      const year0 = new Date('0000-01-01T00:00:00Z');
      for (const read of [
        t.store.readAll({ actor: auditor, from: year0 }),
        t.store.readAllBackward({ actor: auditor, to: year0 }),
        t.store.versionRecordedAt({ actor: auditor, streamId: stream(), at: year0 }),
        t.store.versionOccurredBy({ actor: auditor, streamId: stream(), at: year0 }),
        t.store.readForFold({
          actor: auditor,
          streamId: stream(),
          afterVersion: 0,
          occurredUpTo: year0,
        }),
      ]) {
        expect((await rejection(read)).code).toBe('validation');
      }
    });
  });

  describe('data kept exactly', () => {
    it('stores a key named __proto__ as data, like any other key', async () => {
      const streamId = stream();
      const data = JSON.parse('{"__proto__":{"admin":true},"n":1}') as Record<string, unknown>;
      await t.store.append({ actor: operator, streamId, events: [{ type: 'A', data }] });
      const { events } = await t.store.readStream({ actor: auditor, streamId });
      expect(Object.keys(events[0]!.data)).toEqual(['n', '__proto__']);
      expect(JSON.stringify(events[0]!.data)).toBe('{"n":1,"__proto__":{"admin":true}}');
    });
  });

  describe('refuses input', () => {
    const cases: [string, Parameters<TestDatabase['store']['append']>[0]['events'], string][] = [
      ['no events', [], 'validation'],
      ['1001 events', Array.from({ length: 1001 }, () => event()), 'payload_too_large'],
      ['a bad type', [event('9lives')], 'validation'],
      ['data that is not an object', [{ type: 'A', data: [1] as never }], 'validation'],
      ['a NUL character', [event('A', { s: 'a\u0000b' })], 'validation'],
      ['a lone surrogate', [event('A', { s: '\ud800' })], 'validation'],
      ['a NUL in a key', [event('A', { ['k\u0000']: 1 })], 'validation'],
      ['a non-finite number', [event('A', { n: Number.POSITIVE_INFINITY })], 'validation'],
      ['a non-UUID eventId', [{ ...event(), eventId: 'abc' }], 'validation'],
      [
        'eventIds on some events only',
        [{ ...event(), eventId: randomUUID() }, event()],
        'validation',
      ],
    ];
    it.each(cases)('%s', async (_, events, code) => {
      const streamId = stream();
      const error = await rejection(t.store.append({ actor: operator, streamId, events }));
      expect(error.code).toBe(code);
      await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('stream ids outside the pattern, and system ids', async () => {
      for (const streamId of ['', 'a b', 'x'.repeat(201), '$audit-1', 'ünicode']) {
        expect(
          (await rejection(t.store.append({ actor: operator, streamId, events: [event()] }))).code,
        ).toBe('validation');
      }
    });

    it('an auditor may not append', async () => {
      const error = await rejection(
        t.store.append({ actor: auditor, streamId: stream(), events: [event()] }),
      );
      expect(error.code).toBe('forbidden');
    });
  });
});
