import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidence } from '@/bin/verify-evidence.mjs';
import { backdate } from '@/test/backdate';
import {
  admin,
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { createChronicle, type Chronicle } from '../chronicle';
import { workflowStreamId } from '../domain/workflow';
import { createIntegrity } from '../integrity/integrity';
import { generateSigningKeyPem, loadSigningKey } from '../integrity/signing-key';
import { historyFile } from '../temporal/history-file';
import { expiredThrough } from './visible';

let t: TestDatabase;
let chronicle: Chronicle;

beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({ db: t.db, snapshotEvery: 1000 });
});

/** A category of its own for each test: rules apply per category. */
const freshCategory = () => `r${randomBytes(5).toString('hex')}`;

/** Five events, each caused by the one before, all of one correlation. */
async function fiveEvents(category = freshCategory()) {
  const streamId = `${category}-${randomUUID()}`;
  const correlationId = randomUUID();
  const ids = [1, 2, 3, 4, 5].map(() => randomUUID());
  const { positions } = await chronicle.store.append({
    actor: operator,
    streamId,
    events: ids.map((eventId, i) => ({
      eventId,
      type: 'Noted',
      data: { n: i + 1 },
      metadata: { correlationId, ...(i > 0 ? { causationId: ids[i - 1] } : {}) },
    })),
  });
  await waitForHorizon(chronicle.store, positions.at(-1)!);
  return { category, streamId, correlationId, ids };
}

const versionsOf = (events: { version: number }[]) => events.map((e) => e.version);
const setRule = (category: string, rule: { maxAgeDays?: number; maxCount?: number }) =>
  chronicle.retention.setRule({
    actor: admin,
    category,
    maxAgeDays: rule.maxAgeDays ?? null,
    maxCount: rule.maxCount ?? null,
  });

async function everyRead(s: Awaited<ReturnType<typeof fiveEvents>>) {
  const actor = auditor;
  const { streamId } = s;
  const forward = await chronicle.store.readStream({ actor, streamId });
  const backward = await chronicle.store.readStream({ actor, streamId, direction: 'backward' });
  const filter = { actor, category: s.category, streamId };
  const all = await chronicle.store.readAll(filter);
  const allBack = await chronicle.store.readAllBackward(filter);
  const count = await chronicle.store.countAll(filter);
  const correlation = await chronicle.store.readCorrelation({
    actor,
    correlationId: s.correlationId,
  });
  const causation = await chronicle.store.readCausation({ actor, eventId: s.ids[4]! });
  const byId = await Promise.all(
    s.ids.map((eventId) =>
      chronicle.store.getEvent({ actor, eventId }).then(
        (e) => e.version,
        () => null,
      ),
    ),
  );
  const file = await historyFile(chronicle.store, { actor, streamId });
  const download = JSON.parse(await new Response(file.body).text()) as {
    version: number;
    events: { version: number }[];
  };
  return {
    version: forward.version,
    forward: versionsOf(forward.events),
    backward: versionsOf(backward.events),
    all: versionsOf(all.events),
    allBack: versionsOf(allBack.events),
    count: count.count,
    correlation: versionsOf(correlation.events),
    causes: versionsOf(causation.causes),
    byId: byId.filter((v) => v !== null),
    download: { version: download.version, events: versionsOf(download.events) },
  };
}

const visible = (versions: number[], version = 5) => ({
  version,
  forward: versions,
  backward: [...versions].reverse(),
  all: versions,
  allBack: [...versions].reverse(),
  count: versions.length,
  correlation: versions,
  causes: versions.filter((v) => v < 5).reverse(),
  byId: versions,
  download: { version, events: versions },
});

describe('retention rules', () => {
  it('hide expired events from every read at once, keeping the stream version', async () => {
    const s = await fiveEvents();
    expect(await everyRead(s)).toEqual(visible([1, 2, 3, 4, 5]));
    await setRule(s.category, { maxCount: 2 });
    expect(await everyRead(s)).toEqual(visible([4, 5]));
    const stats = await chronicle.store.stats({ actor: auditor });
    expect(stats.categories.find((c) => c.category === s.category)).toMatchObject({ events: 2 });
    await setRule(s.category, {});
    expect(await everyRead(s)).toEqual(visible([1, 2, 3, 4, 5]));
  });

  it('expire by recorded time with maxAgeDays', async () => {
    const s = await fiveEvents();
    await backdate(t, { streamId: s.streamId, throughVersion: 3, days: 10 });
    expect(
      (await chronicle.store.verifyStream({ actor: auditor, streamId: s.streamId })).valid,
    ).toBe(true);
    await setRule(s.category, { maxAgeDays: 30 });
    expect(await everyRead(s)).toEqual(visible([1, 2, 3, 4, 5]));
    await setRule(s.category, { maxAgeDays: 5 });
    expect(await everyRead(s)).toEqual(visible([4, 5]));
    expect(await expiredThrough(chronicle.store.context.sql, s.streamId)).toBe(3);
    await setRule(s.category, { maxAgeDays: 5, maxCount: 1 });
    expect(await everyRead(s)).toEqual(visible([5]));
  });

  it('leave a stream under legal hold alone, and hide again when the hold is lifted', async () => {
    const s = await fiveEvents();
    const other = await fiveEvents(s.category);
    await setRule(s.category, { maxCount: 3 });
    await chronicle.retention.setHold({ actor: admin, streamId: s.streamId, hold: true });
    expect(await chronicle.retention.isHeld({ actor: auditor, streamId: s.streamId })).toBe(true);
    expect(await everyRead(s)).toEqual(visible([1, 2, 3, 4, 5]));
    expect(await everyRead(other)).toEqual(visible([3, 4, 5]));
    await chronicle.retention.scavenge({ actor: operator });
    expect(await everyRead(s)).toEqual(visible([1, 2, 3, 4, 5]));
    await chronicle.retention.setHold({ actor: admin, streamId: s.streamId, hold: false });
    expect(await everyRead(s)).toEqual(visible([3, 4, 5]));
  });

  it('never apply to the audit trail, and are set by admins only', async () => {
    await expect(setRule('$audit', { maxCount: 1 })).rejects.toMatchObject({
      code: 'unprocessable',
    });
    await expect(
      chronicle.retention.setRule({
        actor: operator,
        category: 'x',
        maxAgeDays: 1,
        maxCount: null,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      chronicle.retention.setHold({ actor: operator, streamId: 'x-1', hold: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      chronicle.retention.setHold({
        actor: admin,
        streamId: `nowhere-${randomUUID()}`,
        hold: true,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the scavenger', () => {
  it('removes expired events with a truncation anchor and an audit event; verify holds from the anchor', async () => {
    const s = await fiveEvents();
    const before = await chronicle.store.readStream({ actor: auditor, streamId: s.streamId });
    await setRule(s.category, { maxCount: 2 });
    const hidden = await chronicle.store.verifyStream({ actor: auditor, streamId: s.streamId });
    expect(hidden).toMatchObject({ valid: true, checkedEvents: 5, anchorVersion: 0 });

    const summary = await chronicle.retention.scavenge({ actor: operator });
    expect(summary.removedEvents).toBeGreaterThanOrEqual(3);
    const [stored] = await t.db.$client<{ count: number }[]>`
      select count(*)::int as count from events where stream_id = ${s.streamId}`;
    expect(stored!.count).toBe(2);
    const { truncations } = await chronicle.retention.truncations({ actor: auditor, limit: 1000 });
    expect(truncations.find((x) => x.streamId === s.streamId)).toMatchObject({
      anchorVersion: 3,
      anchorHash: before.events[2]!.hash,
      removedEvents: 3,
    });
    expect(await chronicle.store.verifyStream({ actor: auditor, streamId: s.streamId })).toEqual({
      streamId: s.streamId,
      valid: true,
      checkedEvents: 2,
      firstInvalidVersion: null,
      headHash: before.events[4]!.hash,
      anchorVersion: 3,
    });
    expect(await everyRead(s)).toEqual(visible([4, 5]));

    // Again: nothing more has expired.
    await chronicle.retention.scavenge({ actor: operator });
    const again = await chronicle.retention.truncations({ actor: auditor, limit: 1000 });
    expect(again.truncations.find((x) => x.streamId === s.streamId)?.removedEvents).toBe(3);

    // Versions go on from the head; the chain with them.
    const appended = await chronicle.store.append({
      actor: operator,
      streamId: s.streamId,
      events: [{ type: 'Noted', data: { n: 6 } }],
    });
    expect(appended.fromVersion).toBe(6);
    expect(
      await chronicle.store.verifyStream({ actor: auditor, streamId: s.streamId }),
    ).toMatchObject({ valid: true, checkedEvents: 3, anchorVersion: 3 });

    await chronicle.audit.flush();
    // Another test's open transaction may hold the gap-safe horizon below the trail for a while.
    const [last] = await t.db.$client<{ position: number }[]>`
      select max(global_position)::float8 as position from events where category = '$audit'`;
    await waitForHorizon(chronicle.store, last!.position);
    const trail = await chronicle.store.readAll({
      actor: auditor,
      category: '$audit',
      types: ['StreamTruncate', 'RetentionScavenge'],
      limit: 1000,
    });
    const truncated = trail.events.find(
      (e) => e.type === 'StreamTruncate' && (e.data as { target: string }).target === s.streamId,
    );
    expect(truncated?.data).toMatchObject({
      outcome: 'succeeded',
      detail: { anchorVersion: 3, anchorHash: before.events[2]!.hash, removedEvents: 3 },
    });
    expect(trail.events.some((e) => e.type === 'RetentionScavenge')).toBe(true);
    expect((await chronicle.retention.scavengeStatus({ actor: auditor })).lastRun).toMatchObject({
      requestedBy: 'token:test-operator',
    });
  });

  it('keeps the head when every event has expired, hidden, so that the next append links to it', async () => {
    const s = await fiveEvents();
    await setRule(s.category, { maxAgeDays: 0 });
    expect(await everyRead(s)).toEqual(visible([]));
    await chronicle.retention.scavenge({ actor: operator });
    const [stored] = await t.db.$client<{ version: number }[]>`
      select stream_version as version from events where stream_id = ${s.streamId}`;
    expect(stored?.version).toBe(5);
    await chronicle.store.append({
      actor: operator,
      streamId: s.streamId,
      events: [{ type: 'Noted', data: { n: 6 } }],
    });
    expect(
      await chronicle.store.verifyStream({ actor: auditor, streamId: s.streamId }),
    ).toMatchObject({ valid: true, anchorVersion: 4, checkedEvents: 2 });
  });

  it('proves the remaining events from the anchor in an evidence file the offline verifier accepts', async () => {
    const s = await fiveEvents();
    await setRule(s.category, { maxCount: 2 });
    const integrity = createIntegrity({
      ctx: chronicle.store.context,
      key: loadSigningKey(generateSigningKeyPem()),
    });
    const evidence = async () => {
      const lines: string[] = [];
      for await (const chunk of integrity.evidence({
        actor: auditor,
        selection: { streams: [s.streamId] },
      })) {
        lines.push(...chunk.split('\n').filter(Boolean));
      }
      return lines;
    };
    const hiddenOnly = await evidence();
    expect(hiddenOnly[1]).toContain('"kind":"anchor"');
    expect((await verifyEvidence(hiddenOnly)).events).toBe(2);
    await chronicle.retention.scavenge({ actor: operator });
    const removed = await evidence();
    expect(JSON.parse(removed[1]!)).toMatchObject({ kind: 'anchor', version: 3 });
    expect((await verifyEvidence(removed)).events).toBe(2);
  });

  it('leaves an aggregate loadable from a snapshot at the anchor', async () => {
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      title: 'Retention',
      question: 'Does the state survive?',
      methodology: { design: 'case study' },
    });
    const run = (command: Parameters<Chronicle['research']['runWorkflowCommand']>[0]['command']) =>
      chronicle.research.runWorkflowCommand({ actor: operator, workflowId, command });
    await run({ command: 'start' });
    for (const title of ['one', 'two', 'three'])
      await run({ command: 'addStep', title, stepId: randomUUID() });
    const streamId = workflowStreamId(workflowId);
    const state = () => chronicle.stateAt({ actor: auditor, streamId, point: { latest: true } });
    const before = await state();
    await setRule('workflow', { maxCount: 2 });
    expect(await state()).toMatchObject({ version: before.version, state: before.state });
    await expect(
      chronicle.stateAt({ actor: auditor, streamId, point: { version: 1 } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await chronicle.retention.scavenge({ actor: operator });
    await setRule('workflow', {});
    const [snapshot] = await t.db.$client<{ version: number }[]>`
      select version from snapshots where stream_id = ${streamId} order by version desc limit 1`;
    expect(snapshot?.version).toBe(before.version - 2);
    chronicle = createChronicle({ db: t.db, snapshotEvery: 1000 });
    expect(await state()).toMatchObject({
      version: before.version,
      state: before.state,
      fromSnapshot: true,
    });
    await run({ command: 'addStep', title: 'four', stepId: randomUUID() });
    expect((await chronicle.store.verifyStream({ actor: auditor, streamId })).valid).toBe(true);
  });
});

describe('the immutability of events', () => {
  it('still refuses every direct change, and removal for any other reason', async () => {
    const s = await fiveEvents();
    const sql = t.db.$client;
    await expect(sql`delete from events where stream_id = ${s.streamId}`).rejects.toThrow(
      /events are immutable: DELETE/,
    );
    await expect(
      sql`update events set data = '{}' where stream_id = ${s.streamId}`,
    ).rejects.toThrow(/events are immutable: UPDATE/);
    await expect(sql`truncate events`).rejects.toThrow(/events are immutable: TRUNCATE/);
    await expect(sql`select chronicle_remove_events(${s.streamId}, 2, 'tidy-up')`).rejects.toThrow(
      /only by retention or an import rollback/,
    );
    await expect(
      sql.begin(async (tx) => {
        await tx`select chronicle_remove_events(${s.streamId}, 1, 'retention')`;
        await tx`delete from events where stream_id = ${s.streamId}`;
      }),
    ).rejects.toThrow(/events are immutable: DELETE/);
  });
});
