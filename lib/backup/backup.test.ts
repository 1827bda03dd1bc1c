import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect, type Database } from '@/db/client';
import { databaseUrl } from '@/test/database-url';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { catchUp, seedEvents } from '@/test/projections';
import { streamsOffTheirHead } from '@/test/stream-heads';
import { createChronicle, type Chronicle } from '../chronicle';
import type { RecordedEvent } from '../event-store/types';
import { generateSigningKeyPem, loadSigningKey } from '../integrity/signing-key';
import { eventStats } from '../projections/event-stats';
import { RestoreError } from './errors';
import type { BackupManifest } from './format';
import { currentPositionBase, raisePositionBase } from './position-base';
import { restoreBackup } from './restore';
import { writeBackup } from './write-backup';

const signingKey = loadSigningKey(generateSigningKeyPem());
/** Far above the cluster's transaction ids × 1024: the source's positions lie where a fresh
 * cluster's never would (pitfall 6), as after a restore into another cluster. */
const SOURCE_BASE = 1024 ** 4;

let source: TestDatabase;
let chronicle: Chronicle;
let dir: string;
const opened: Database[] = [];

/** A new database with nothing in it, not even migrations: what a restore is pointed at. */
async function emptyDatabase(): Promise<{ url: string; db: Database }> {
  const name = `${inject('databasePrefix')}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const server = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database ${name}`);
  await server.end();
  const url = databaseUrl(inject('adminUrl'), name);
  const db = connect({ url, max: 4 });
  opened.push(db);
  return { url, db };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the restore went through');
    },
    (error: unknown) => {
      if (!(error instanceof RestoreError)) throw error;
      return error.refusal;
    },
  );

async function tableCount(db: Database, table: string): Promise<number | null> {
  const [row] = await db.$client<{ exists: boolean }[]>`
    select to_regclass(${`public.${table}`}) is not null as exists`;
  if (!row!.exists) return null;
  const [count] = await db.$client.unsafe<{ n: number }[]>(
    `select count(*)::int as n from ${table}`,
  );
  return count!.n;
}

/** Every event of `$all`, page by page, as a reader sees it. */
async function wholeLog(store: Chronicle['store']): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll({ actor: auditor, after, limit: 250 });
    events.push(...page.events);
    if (page.events.length < 250) return events;
    after = page.lastPosition;
  }
}

/** Appends until stopped: single events, and pairs over two streams in one transaction. */
function writeLoad(writers: number) {
  let running = true;
  const pairs: string[] = [];
  const loops = Array.from({ length: writers }, async (_, writer) => {
    for (let i = 0; running; i++) {
      if (i % 3 === 0) {
        const pair = randomUUID();
        await chronicle.store.transact(async (tx) => {
          for (const side of ['left', 'right']) {
            await tx.append({
              actor: operator,
              streamId: `load-${side}${writer}`,
              events: [{ type: 'Paired', data: { pair } }],
            });
          }
        });
        pairs.push(pair);
      } else {
        await chronicle.store.append({
          actor: operator,
          streamId: `load-w${writer}s${i % 7}`,
          events: [{ type: 'Loaded', data: { writer, i } }],
        });
      }
    }
  });
  return {
    pairs,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

beforeAll(async () => {
  source = await createTestDatabase();
  await raisePositionBase(source.db.$client, SOURCE_BASE);
  chronicle = createChronicle({ db: source.db, signingKey, snapshotEvery: 5 });
  dir = await mkdtemp(path.join(tmpdir(), 'chronicle-backup-'));

  for (let w = 0; w < 3; w++) {
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      title: `Sleep and memory ${w}`,
      question: 'Does sleep help recall?',
      methodology: { design: 'RCT' },
    });
    await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'start' },
    });
    for (let s = 0; s < 6; s++) {
      await chronicle.research.runWorkflowCommand({
        actor: operator,
        workflowId,
        command: { command: 'addStep', stepId: `s${s}`, title: `Step ${s}` },
      });
    }
  }
  // Text COPY must escape, numbers jsonb keeps exactly, keys jsonb reorders (pitfall 11).
  await chronicle.store.append({
    actor: operator,
    streamId: 'note-odd',
    events: [
      {
        type: 'Noted',
        data: { z: 'tab\there, new\nline, back\\slash, "quoted", ü ✓ 𝄞', a: 0.1, big: 1e21 },
      },
      {
        type: 'Noted',
        data: { nested: { list: [1, 2.5, -0, null, true] } },
        metadata: { note: '\\.' },
      },
    ],
  });
  await chronicle.store.transact(async (tx) => {
    await tx.append({
      actor: operator,
      streamId: 'note-a',
      events: [{ type: 'Noted', data: { side: 'a' } }],
    });
    await tx.append({
      actor: operator,
      streamId: 'note-b',
      events: [{ type: 'Noted', data: { side: 'b' } }],
    });
  });
  // Retention removed the first two events of a stream and kept its anchor.
  await chronicle.store.append({
    actor: operator,
    streamId: 'old-1',
    events: [1, 2, 3, 4, 5].map((n) => ({ type: 'Aged', data: { n } })),
  });
  await source.db.$client.begin(async (tx) => {
    const [anchor] = await tx<{ hash: string }[]>`
      select hash from events where stream_id = 'old-1' and stream_version = 2`;
    await tx`select chronicle_remove_events('old-1', 2, 'retention')`;
    await tx`insert into stream_truncations (stream_id, anchor_version, anchor_hash, removed_events)
      values ('old-1', 2, ${anchor!.hash}, 2)`;
  });
  // Enough events that the restore builds the events table's indexes after loading it.
  await seedEvents(chronicle.store, { category: 'bulk', streams: 20, count: 12_000 });
  await catchUp(chronicle.store, eventStats);
  await chronicle.integrity.takeDigest({ actor: operator });
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.$client.end()));
});

describe('backup and restore', () => {
  let file: string;
  let manifest: BackupManifest;
  let restored: { url: string; db: Database };
  let after: Chronicle;
  let pairs: string[];
  /** A backup without a signature, whose manifest a test can edit. */
  let unsignedFile: string;

  beforeAll(async () => {
    file = path.join(dir, 'store.backup.gz');
    const load = writeLoad(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    manifest = await writeBackup({ sql: source.db.$client, out: file, signingKey });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await load.stop();
    pairs = load.pairs;
    restored = await emptyDatabase();
    await restoreBackup({ url: restored.url, from: file });
    after = createChronicle({ db: restored.db, signingKey, snapshotEvery: 5 });
    unsignedFile = path.join(dir, 'unsigned.gz');
    await writeBackup({ sql: source.db.$client, out: unsignedFile });
  });

  it('holds exactly one snapshot taken while writers kept writing: no stream torn, no pair split', async () => {
    const [restoredCount] = await restored.db.$client<
      { n: number }[]
    >`select count(*)::int as n from events`;
    const [sourceCount] = await source.db.$client<
      { n: number }[]
    >`select count(*)::int as n from events`;
    expect(restoredCount!.n).toBe(manifest.events);
    expect(sourceCount!.n).toBeGreaterThan(manifest.events);
    const paired = await restored.db.$client<{ pair: string; sides: number }[]>`
      select data ->> 'pair' as pair, count(*)::int as sides from events
      where event_type = 'Paired' group by 1`;
    expect(paired.length).toBeGreaterThan(0);
    expect(paired.every((p) => p.sides === 2)).toBe(true);
    expect(paired.every((p) => pairs.includes(p.pair))).toBe(true);
    // Every restored stream is its source stream up to some version, event for event.
    const streams = await restored.db.$client<{ stream_id: string; version: number }[]>`
      select stream_id, version from streams`;
    for (const { stream_id: streamId, version } of streams) {
      const read = async (store: Chronicle['store']) =>
        (await store.readStream({ actor: auditor, streamId, limit: 1000 })).events.slice(
          0,
          version,
        );
      expect(await read(after.store)).toEqual(await read(chronicle.store));
    }
  });

  it('answers every read of the backed-up data as the source did', async () => {
    const restoredLog = await wholeLog(after.store);
    const versions = new Map(
      (
        await restored.db.$client<
          { stream_id: string; version: number }[]
        >`select stream_id, version from streams`
      ).map((s) => [s.stream_id, s.version]),
    );
    const sourceLog = (await wholeLog(chronicle.store)).filter(
      (e) => e.version <= (versions.get(e.streamId) ?? 0),
    );
    expect(restoredLog.length).toBe(manifest.events);
    expect(restoredLog).toEqual(sourceLog);

    for (const category of ['workflow', 'note', 'old']) {
      const quiet = { actor: auditor, category, sort: '-updatedAt' } as const;
      expect(await after.store.listStreams(quiet)).toEqual(
        await chronicle.store.listStreams(quiet),
      );
    }
    const some = restoredLog.filter((_, i) => i % 17 === 0);
    for (const event of some) {
      expect(await after.store.getEvent({ actor: auditor, eventId: event.eventId })).toEqual(
        await chronicle.store.getEvent({ actor: auditor, eventId: event.eventId }),
      );
    }
    for (const streamId of ['note-odd', 'note-a', 'note-b']) {
      expect(await after.store.verifyStream({ actor: auditor, streamId })).toEqual(
        await chronicle.store.verifyStream({ actor: auditor, streamId }),
      );
    }
    const workflows = await chronicle.research.listWorkflows({ actor: auditor });
    expect(await after.research.listWorkflows({ actor: auditor })).toEqual(workflows);
    for (const { workflowId } of workflows.workflows) {
      expect(await after.research.getWorkflow({ actor: auditor, workflowId })).toEqual(
        await chronicle.research.getWorkflow({ actor: auditor, workflowId }),
      );
    }
    expect(await after.integrity.listDigests({ actor: auditor })).toEqual(
      await chronicle.integrity.listDigests({ actor: auditor }),
    );
    const stats = (db: Database) =>
      db.$client`select * from event_stats_hourly where category in ('workflow', 'note') order by 1, 2, 3`;
    expect(await stats(restored.db)).toEqual(await stats(source.db));
  });

  it('signs the manifest and names the streams by their Merkle root', () => {
    expect(manifest.signature?.keyId).toBe(signingKey.keyId);
    expect(manifest.streams.root).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.sections.map((s) => s.section)).toEqual(
      expect.arrayContaining([
        'events',
        'streams',
        'snapshots',
        'projections',
        'workflow_summaries',
        'digests',
      ]),
    );
    expect(manifest.sections.map((s) => s.section)).not.toContain('auth_sessions');
  });

  it('puts new appends after the restored log, where $all, subscriptions and projections see them', async () => {
    const base = await currentPositionBase(restored.db.$client);
    expect(base).toBeGreaterThan(manifest.maxPosition);
    expect(base).toBeGreaterThanOrEqual(manifest.horizon);
    const before = await wholeLog(after.store);
    // A follower of the source that had read everything below its horizon carries on here.
    const delivered: number[] = [];
    const following = new AbortController();
    const subscription = after.store.subscribe({
      actor: auditor,
      after: manifest.horizon - 1,
      onEvent: (event) => void delivered.push(event.position),
      signal: following.signal,
      pollMs: 25,
    });
    const appended = await after.store.append({
      actor: operator,
      streamId: 'note-odd',
      events: [{ type: 'Noted', data: { after: 'restore' } }],
    });
    const position = appended.positions[0]!;
    expect(position).toBeGreaterThan(manifest.maxPosition);
    await waitForHorizon(after.store, position);
    const page = await after.store.readAll({ actor: auditor, after: before.at(-1)!.position });
    expect(page.events.map((e) => e.position)).toContain(position);
    for (let i = 0; i < 200 && !delivered.includes(position); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    following.abort();
    await subscription;
    expect(delivered).toContain(position);
    expect(delivered.every((p) => p >= manifest.horizon)).toBe(true);
    expect((await after.store.verifyStream({ actor: auditor, streamId: 'note-odd' })).valid).toBe(
      true,
    );

    await catchUp(after.store, eventStats);
    const [noted] = await restored.db.$client<{ n: number }[]>`
      select sum(events)::int as n from event_stats_hourly where category = 'note'`;
    expect(noted!.n).toBe(5);
  });

  it('records the restore on the audit trail in the same transaction', async () => {
    const [row] = await restored.db.$client<
      { event: { type: string; data: { detail: { root: string } } } }[]
    >`
      select event from audit_outbox where event ->> 'type' = 'BackupRestore'`;
    expect(row!.event.data.detail.root).toBe(manifest.streams.root);
  });

  it('leaves the restored tables with the indexes the source has', async () => {
    const indexes = (db: Database) =>
      db.$client<{ indexdef: string }[]>`
        select indexdef from pg_indexes where schemaname = 'public' order by indexname`;
    expect((await indexes(restored.db)).length).toBeGreaterThan(20);
    expect(await indexes(restored.db)).toEqual(await indexes(source.db));
  });

  it('refuses a database that already holds events', async () => {
    expect(await refusal(restoreBackup({ url: restored.url, from: file }))).toBe('not-empty');
  });

  it('refuses a damaged file and leaves the database empty', async () => {
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x20;
    const damagedFile = path.join(dir, 'damaged.gz');
    await writeFile(damagedFile, bytes);
    const target = await emptyDatabase();
    expect(['damaged', 'mismatch']).toContain(
      await refusal(restoreBackup({ url: target.url, from: damagedFile })),
    );
    expect(await tableCount(target.db, 'events')).toBeNull();
  });

  it('refuses a file whose manifest was changed after signing', async () => {
    const edited = await editManifest(file, (m) => ({ ...m, events: m.events + 1 }));
    const target = await emptyDatabase();
    expect(await refusal(restoreBackup({ url: target.url, from: edited }))).toBe('mismatch');
    expect(await tableCount(target.db, 'events')).toBeNull();
  });

  it('refuses a backup from a newer version, with more migrations than this one has', async () => {
    const edited = await editManifest(unsignedFile, (m) => ({
      ...m,
      migrations: m.migrations + 1,
    }));
    const target = await emptyDatabase();
    expect(await refusal(restoreBackup({ url: target.url, from: edited }))).toBe('incompatible');
    expect(await tableCount(target.db, 'events')).toBe(0);
  });

  it('refuses, before it commits, data whose heads differ from the manifest', async () => {
    const edited = await editManifest(unsignedFile, (m) => ({
      ...m,
      streams: { ...m.streams, root: '0'.repeat(64) },
    }));
    const target = await emptyDatabase();
    const error = await restoreBackup({ url: target.url, from: edited }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).refusal).toBe('mismatch');
    expect((error as RestoreError).message).toMatch(/heads/);
    expect(await tableCount(target.db, 'events')).toBe(0);
    expect(await tableCount(target.db, 'streams')).toBe(0);
  });

  it('refuses a chain broken in the file even when the manifest agrees with it', async () => {
    const edited = await tamperSection(unsignedFile, 'events', (row) =>
      row.includes('Step 3') ? row.replace('Step 3', 'Step 9') : row,
    );
    const target = await emptyDatabase();
    expect(await refusal(restoreBackup({ url: target.url, from: edited }))).toBe('broken-chain');
    expect(await tableCount(target.db, 'events')).toBe(0);
  });

  it("takes the streams' heads from the restored events: a backup without them appends on the right link", async () => {
    // The head columns are the last three of streams; a backup from before them has none.
    const edited = await tamperSection(unsignedFile, 'streams', (row) =>
      [...row.split('\t').slice(0, -3), '\\N', '\\N', '\\N'].join('\t'),
    );
    const target = await emptyDatabase();
    await restoreBackup({ url: target.url, from: edited });
    expect(await streamsOffTheirHead(target.db.$client)).toEqual([]);
    const { store } = createChronicle({ db: target.db, signingKey });
    for (const streamId of ['old-1', 'note-a']) {
      await store.append({ actor: operator, streamId, events: [{ type: 'Later', data: {} }] });
      expect(await store.verifyStream({ actor: auditor, streamId })).toMatchObject({ valid: true });
    }
  });

  it('keeps a truncated stream, whose chain starts from its anchor, and refuses a wrong anchor', async () => {
    expect(
      (await after.store.readStream({ actor: auditor, streamId: 'old-1' })).events.map(
        (e) => e.version,
      ),
    ).toEqual([3, 4, 5]);
    const edited = await tamperSection(unsignedFile, 'stream_truncations', (row) =>
      row.replace(/\t[0-9a-f]{64}\t/, `\t${'1'.repeat(64)}\t`),
    );
    const target = await emptyDatabase();
    const error = await restoreBackup({ url: target.url, from: edited }).catch((e: unknown) => e);
    expect((error as RestoreError).refusal).toBe('broken-chain');
    expect((error as RestoreError).message).toMatch(/old-1/);
  });
});

async function editManifest(file: string, edit: (m: BackupManifest) => BackupManifest) {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  const { manifest } = JSON.parse(lines.at(-2)!) as { manifest: BackupManifest };
  lines[lines.length - 2] = JSON.stringify({ manifest: edit(manifest) });
  const edited = `${file}.edited.gz`;
  await writeFile(edited, gzipSync(lines.join('\n')));
  return edited;
}

/** A copy of a backup with one section's rows edited, and the manifest's size and hash of it made to agree. */
async function tamperSection(file: string, section: string, edit: (row: string) => string) {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  const start = lines.findIndex((l) => l.startsWith(`{"section":"${section}"`));
  const end = lines.indexOf('\\.', start);
  for (let i = start + 1; i < end; i++) lines[i] = edit(lines[i]!);
  const rows = Buffer.from(lines.slice(start + 1, end).join('\n') + '\n');
  const { manifest } = JSON.parse(lines.at(-2)!) as { manifest: BackupManifest };
  manifest.sections = manifest.sections.map((s) =>
    s.section === section
      ? { ...s, bytes: rows.length, sha256: createHash('sha256').update(rows).digest('hex') }
      : s,
  );
  lines[lines.length - 2] = JSON.stringify({ manifest });
  const edited = `${file}.${section}.gz`;
  await writeFile(edited, gzipSync(lines.join('\n')));
  return edited;
}
