import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { createEventStore } from '.';
import { EventRegistry, type EventTypeDefinition } from './registry';

const renamedV1: EventTypeDefinition = {
  category: 'person',
  type: 'PersonRenamed',
  schemaVersion: 1,
  schema: z.object({ name: z.string() }),
};

const renamedV2: EventTypeDefinition = {
  category: 'person',
  type: 'PersonRenamed',
  schemaVersion: 2,
  schema: z.object({ name: z.object({ given: z.string(), family: z.string() }) }),
  upcasters: {
    1: (data) => {
      const [given = '', ...family] = String(data.name).split(' ');
      return { name: { given, family: family.join(' ') } };
    },
  },
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ registry: new EventRegistry().register(renamedV1) });
});

describe('event type registry', () => {
  it('an event stored at schema version 1 is read as version 2 through its upcaster', async () => {
    const streamId = `person-${randomUUID()}`;
    const written = await t.store.append({
      actor: operator,
      streamId,
      events: [{ type: 'PersonRenamed', data: { name: 'Ada King Lovelace' } }],
    });
    await waitForHorizon(t.store, written.positions[0]!);
    const current = createEventStore({
      db: t.db,
      registry: new EventRegistry().register(renamedV2),
    });

    const { events } = await current.readStream({ actor: auditor, streamId });
    expect(events[0]).toMatchObject({
      schemaVersion: 2,
      data: { name: { given: 'Ada', family: 'King Lovelace' } },
    });
    const all = await current.readAll({ actor: auditor, category: 'person' });
    expect(all.events.find((e) => e.streamId === streamId)?.schemaVersion).toBe(2);

    const raw = await current.readStream({ actor: auditor, streamId, raw: true });
    expect(raw.events[0]).toMatchObject({ schemaVersion: 1, data: { name: 'Ada King Lovelace' } });
    expect((await current.verifyStream({ actor: auditor, streamId })).valid).toBe(true);

    await current.append({
      actor: operator,
      streamId,
      events: [{ type: 'PersonRenamed', data: { name: { given: 'Ada', family: 'Byron' } } }],
    });
    const stored = await current.readStream({
      actor: auditor,
      streamId,
      raw: true,
      fromVersion: 2,
    });
    expect(stored.events[0]?.schemaVersion).toBe(2);
  });

  it('validates appends to a registered category against the current schema', async () => {
    const streamId = `person-${randomUUID()}`;
    await expect(
      t.store.append({
        actor: operator,
        streamId,
        events: [{ type: 'PersonRenamed', data: { name: 42 } }],
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      details: { errors: [{ path: 'data.name' }] },
    });
    await expect(
      t.store.append({ actor: operator, streamId, events: [{ type: 'PersonVanished', data: {} }] }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(t.store.getStream({ actor: auditor, streamId })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('other categories accept any event type with object data', async () => {
    const result = await t.store.append({
      actor: operator,
      streamId: `misc-${randomUUID()}`,
      events: [{ type: 'Anything.Goes_1', data: { free: ['form'] } }],
    });
    expect(result.toVersion).toBe(1);
  });

  it('refuses a definition above version 1 without upcasters for every older version', () => {
    expect(() => new EventRegistry().register({ ...renamedV2, upcasters: {} })).toThrow(
      /upcaster from v1/,
    );
  });
});
