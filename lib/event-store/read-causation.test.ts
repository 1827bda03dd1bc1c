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
});

/**
 * A → B → C across three streams, D branching from B, E caused by D, one event of another
 * correlation naming A as its cause, and a stranger: ids chosen so the links can be written.
 */
async function seedChain() {
  const run = randomUUID().slice(0, 8);
  const correlationId = randomUUID();
  const other = randomUUID();
  const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID() };
  const e = randomUUID();
  const x = randomUUID();
  const meta = (causationId?: string, correlation = correlationId) => ({
    correlationId: correlation,
    ...(causationId ? { causationId } : {}),
  });
  const write = async (
    streamId: string,
    eventId: string,
    type: string,
    metadata: Record<string, unknown>,
  ) =>
    (
      await t.store.append({
        actor: operator,
        streamId,
        events: [{ eventId, type, data: {}, metadata }],
      })
    ).positions[0]!;
  await write(`order-${run}`, ids.a, 'OrderPlaced', meta());
  await write(`payment-${run}`, ids.b, 'PaymentTaken', meta(ids.a));
  await write(`shipping-${run}`, ids.c, 'ParcelSent', meta(ids.b));
  await write(`mail-${run}`, ids.d, 'ReceiptMailed', meta(ids.b));
  await write(`order-${run}`, x, 'Unrelated', meta(ids.a, other));
  const last = await write(`mail-${run}`, e, 'ReceiptOpened', meta(ids.d));
  await waitForHorizon(t.store, last);
  return { correlationId, ids, e, x, run };
}

describe('causation and correlation', () => {
  it('gets one event by id, and says not found for an unknown one', async () => {
    const { ids, run } = await seedChain();
    const event = await t.store.getEvent({ actor: auditor, eventId: ids.b });
    expect(event).toMatchObject({ eventId: ids.b, streamId: `payment-${run}`, version: 1 });
    await expect(t.store.getEvent({ actor: auditor, eventId: randomUUID() })).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
  });

  it('follows causes up to the root and what an event caused down every branch', async () => {
    const { ids, e, x } = await seedChain();
    const fromC = await t.store.readCausation({ actor: auditor, eventId: ids.c });
    expect(fromC.causes.map((event) => event.eventId)).toEqual([ids.b, ids.a]);
    expect(fromC.caused).toEqual([]);
    const fromA = await t.store.readCausation({ actor: auditor, eventId: ids.a });
    expect(fromA.causes).toEqual([]);
    expect(fromA.caused.map((event) => [event.eventId, event.depth])).toEqual([
      [ids.b, 1],
      [ids.c, 2],
      [ids.d, 2],
      [x, 1],
      [e, 3],
    ]);
    expect(fromA.causedCapped).toBe(false);
    expect(fromA.causesCapped).toBe(false);
  });

  it('stops at a cause that is not in the store, and at a cycle in hand-made metadata', async () => {
    const lost = randomUUID();
    const [p, q] = [randomUUID(), randomUUID()];
    const streamId = `loop-${randomUUID().slice(0, 8)}`;
    await t.store.append({
      actor: operator,
      streamId,
      events: [
        { eventId: p, type: 'P', data: {}, metadata: { causationId: q } },
        { eventId: q, type: 'Q', data: {}, metadata: { causationId: p } },
        { eventId: randomUUID(), type: 'Orphan', data: {}, metadata: { causationId: lost } },
        { eventId: randomUUID(), type: 'Odd', data: {}, metadata: { causationId: 'not a uuid' } },
      ],
    });
    const cycle = await t.store.readCausation({ actor: auditor, eventId: p });
    expect(cycle.causes.map((event) => event.eventId)).toEqual([q]);
    expect(cycle.caused.map((event) => event.eventId)).toEqual([q]);
    const page = await t.store.readStream({ actor: auditor, streamId });
    for (const event of page.events.slice(2)) {
      const chain = await t.store.readCausation({ actor: auditor, eventId: event.eventId });
      expect(chain.causes).toEqual([]);
    }
  });

  it('reads a correlation group across streams in $all order, paged, without other groups', async () => {
    const { correlationId, ids, e } = await seedChain();
    const all = await t.store.readCorrelation({ actor: auditor, correlationId });
    expect(all.correlationId).toBe(correlationId);
    expect(all.events.map((event) => event.eventId)).toEqual([ids.a, ids.b, ids.c, ids.d, e]);
    const first = await t.store.readCorrelation({ actor: auditor, correlationId, limit: 2 });
    const rest = await t.store.readCorrelation({
      actor: auditor,
      correlationId,
      after: first.lastPosition,
    });
    expect([...first.events, ...rest.events].map((event) => event.eventId)).toEqual(
      all.events.map((event) => event.eventId),
    );
  });

  it('counts matching events, exactly below the cap', async () => {
    const { correlationId, run } = await seedChain();
    await expect(t.store.countAll({ actor: auditor, correlationId })).resolves.toEqual({
      count: 5,
      capped: false,
    });
    await expect(t.store.countAll({ actor: auditor, streamId: `order-${run}` })).resolves.toEqual({
      count: 2,
      capped: false,
    });
  });

  it('refuses callers without a role that reads', async () => {
    const nobody = { id: 'x', role: 'none', via: 'token' } as unknown as typeof auditor;
    await expect(t.store.getEvent({ actor: nobody, eventId: randomUUID() })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
