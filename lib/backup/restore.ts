import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type postgres from 'postgres';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { systemActor, type Actor } from '../actor';
import { auditEvent } from '../audit/audit-event';
import { createEventStore } from '../event-store';
import { outboxEntry } from '../event-store/append';
import { GENESIS_HASH } from '../event-store/hash';
import { linkHolds, VERIFY_COLUMNS, type VerifyRow } from '../event-store/verify';
import { verifySignature } from '../integrity/signing-key';
import { BackupReader } from './backup-reader';
import { damaged, RestoreError } from './errors';
import {
  countNewlines,
  FORMAT_LINE,
  signedStatement,
  type BackupManifest,
  type SectionHeader,
  type SectionSummary,
} from './format';
import { baseAbove, highestKnownPosition, raisePositionBase } from './position-base';
import { throttled, type OnProgress } from './progress';
import { streamHeadsRoot } from './stream-heads';
import { backupTables, columnList, ident } from './tables';

export type RestoreOptions = {
  url: string;
  from: string;
  onProgress?: OnProgress;
  /** Who restores, for the audit trail: the system (the command line) unless given. */
  actor?: Actor;
};

export type RestoreReport = {
  manifest: BackupManifest;
  /** The position base now in force: every new position lies at or above it. */
  positionBase: number;
  /** Uncompressed bytes of table data loaded. */
  bytes: number;
};

/**
 * Restores a backup (lib/backup/write-backup.ts) into an empty database. The file is read twice:
 * first to check it whole against its manifest (section hashes and counts, signature) without
 * touching the database, then to load it, in one transaction that also verifies every chain, the
 * truncation anchors and the streams' Merkle root, keeps every position, and raises the position
 * base above the restored log (pitfall 6) before it commits. Anything wrong leaves the database
 * as it was.
 */
export async function restoreBackup({
  url,
  from,
  onProgress,
  actor = systemActor,
}: RestoreOptions): Promise<RestoreReport> {
  const manifest = await checkFile(from);
  const db = connect({ url, max: 1, applicationName: 'chronicle-restore' });
  const sql = db.$client;
  try {
    await assertEmpty(sql);
    await runMigrations({ url });
    const [applied] = await sql<{ migrations: number }[]>`
      select count(*)::int as migrations from drizzle.__drizzle_migrations`;
    if (manifest.migrations > applied!.migrations) {
      throw new RestoreError(
        'incompatible',
        `the backup comes from a newer version of Chronicle (${manifest.migrations} migrations, this one has ${applied!.migrations}): restore with the version that wrote it`,
      );
    }
    const report = throttled(onProgress);
    return await sql.begin(async (tx) => {
      await tx`lock table streams, events in exclusive mode`;
      await assertEmpty(tx);
      const tables = new Map((await backupTables(tx)).map((table) => [table.name, table]));
      for (const table of [...tables.keys()].reverse())
        await tx.unsafe(`delete from ${ident(table)}`);

      const deferred = await deferIndexes(
        tx,
        manifest.sections.filter((s) => s.rows >= BULK_ROWS).map((s) => s.section),
      );
      const reader = await openBackup(from);
      let bytes = 0;
      for (const expected of manifest.sections) {
        const header = parseLine(await reader.line()) as SectionHeader;
        const target = tables.get(header.section);
        const unknown = target ? header.columns.filter((c) => !target.columns.includes(c)) : [];
        if (!target || unknown.length > 0) {
          throw new RestoreError(
            'incompatible',
            `the backup holds ${target ? `columns ${unknown.join(', ')} of ` : ''}table ${header.section}, which this version of Chronicle does not have: restore with the version that wrote it`,
          );
        }
        let rows = 0;
        // Hashed again: the file could have changed since it was checked.
        const hash = createHash('sha256');
        const counted = async function* () {
          for await (const piece of reader.rows()) {
            hash.update(piece);
            rows += countNewlines(piece);
            bytes += piece.length;
            report({ phase: 'copy', section: header.section, rows, bytes });
            yield piece;
          }
        };
        if (expected.rows === 0) {
          // Most tables of a young store are empty, and each COPY costs a round trip: read past
          // the section's end (any row in it counts, and fails the check below).
          await counted().next();
        } else {
          const copy = await tx
            .unsafe(`copy ${ident(header.section)} (${columnList(header.columns)}) from stdin`)
            .writable();
          await pipeline(Readable.from(counted()), copy);
        }
        report({ phase: 'copy', section: header.section, rows, bytes }, true);
        if (rows !== expected.rows || hash.digest('hex') !== expected.sha256) {
          throw new RestoreError(
            'mismatch',
            `table ${header.section}: the rows loaded (${rows}) differ from the manifest's (${expected.rows}); the file changed while it was restored`,
          );
        }
      }
      await tx`set local maintenance_work_mem = '256MB'`;
      for (const definition of deferred) await tx.unsafe(definition);
      await checkRestored(tx, manifest, (rows) =>
        report({ phase: 'verify', section: 'events', rows, bytes }),
      );
      // From the restored events, not the file: a backup from before streams kept their heads
      // has none, and a head that differed from the last event would break the next link.
      await tx`select chronicle_set_stream_heads()`;
      await setSequences(tx);
      const highest = Math.max(
        manifest.horizon - 1,
        manifest.maxPosition,
        await highestKnownPosition(tx),
      );
      const positionBase = await raisePositionBase(tx, baseAbove(highest));
      // On the audit trail with the restore itself: the worker moves it into its stream.
      const record = auditEvent({ actor }, 'BackupRestore', 'succeeded', path.basename(from), {
        takenAt: manifest.createdAt,
        events: manifest.events,
        streams: manifest.streams.count,
        root: manifest.streams.root,
        signedBy: manifest.signature?.keyId ?? null,
        positionBase,
      });
      const entry = outboxEntry(createEventStore({ db }).context, record);
      await tx`
        insert into audit_outbox (stream_id, event)
        select e ->> 'streamId', e -> 'event' from (select ${entry}::jsonb as e) x`;
      // Statistics for the planner from the first query on, committed with the rows.
      for (const table of tables.keys()) await tx.unsafe(`analyze ${ident(table)}`);
      return { manifest, positionBase, bytes };
    });
  } finally {
    await sql.end();
  }
}

/** From this many rows a table's indexes are built once after its load, not row by row. */
const BULK_ROWS = 10_000;

/**
 * Drops the indexes of `tables` that back no constraint (`events` carries eleven for the
 * explorer's filters) and answers their definitions, to create again once the rows are in:
 * one sorted build each instead of an insert per row. All inside the restore's transaction.
 */
async function deferIndexes(tx: postgres.TransactionSql, tables: string[]): Promise<string[]> {
  const indexes = await tx<{ name: string; definition: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname = any(${tables})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`;
  for (const { name } of indexes) await tx.unsafe(`drop index ${name}`);
  return indexes.map((index) => index.definition);
}

/** The manifest, once every section of the file has been read and matched against it. */
async function checkFile(from: string): Promise<BackupManifest> {
  const reader = await openBackup(from);
  const sections: SectionSummary[] = [];
  for (;;) {
    const line = parseLine(await reader.line());
    if ('manifest' in line) {
      if ((await reader.line()) !== null) throw damaged('there is data after the manifest');
      const manifest = line.manifest as BackupManifest;
      compareSections(manifest, sections);
      if (manifest.signature) {
        const { publicKey, value, keyId } = manifest.signature;
        if (!verifySignature(publicKey, signedStatement(manifest), value)) {
          throw new RestoreError(
            'mismatch',
            `the manifest's signature (key ${keyId}) does not match its contents`,
          );
        }
      }
      return manifest;
    }
    const header = line as SectionHeader;
    const hash = createHash('sha256');
    let rows = 0;
    let bytes = 0;
    for await (const piece of reader.rows()) {
      hash.update(piece);
      rows += countNewlines(piece);
      bytes += piece.length;
    }
    sections.push({ ...header, rows, bytes, sha256: hash.digest('hex') });
  }
}

function compareSections(manifest: BackupManifest, sections: SectionSummary[]) {
  const named = (list: { section: string }[]) => list.map((s) => s.section).join(', ');
  if (named(manifest.sections) !== named(sections)) {
    throw new RestoreError(
      'mismatch',
      `the file holds tables ${named(sections)}; the manifest lists ${named(manifest.sections)}`,
    );
  }
  manifest.sections.forEach((expected, index) => {
    const found = sections[index]!;
    for (const key of ['rows', 'bytes', 'sha256'] as const) {
      if (expected[key] !== found[key]) {
        throw new RestoreError(
          'mismatch',
          `table ${found.section}: the file holds ${key} ${found[key]}, the manifest says ${expected[key]}`,
        );
      }
    }
    if (expected.columns.join() !== found.columns.join()) {
      throw new RestoreError(
        'mismatch',
        `table ${found.section}: the file's columns differ from the manifest's`,
      );
    }
  });
}

async function openBackup(from: string): Promise<BackupReader> {
  const bytes = createReadStream(from).pipe(createGunzip({ chunkSize: 256 * 1024 }));
  const reader = new BackupReader(asDamaged(bytes));
  if ((await reader.line()) !== FORMAT_LINE) throw damaged(`${from} is not a Chronicle backup`);
  return reader;
}

/** Read and decompression errors say the file is damaged (gzip checks every byte it holds). */
async function* asDamaged(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* bytes;
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_')) {
      throw damaged(`the file is damaged: ${error.message}`);
    }
    throw error;
  }
}

function parseLine(line: string | null): Record<string, unknown> {
  if (line === null) throw damaged('the file ends before its manifest');
  try {
    const parsed: unknown = JSON.parse(line);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      ('manifest' in parsed || 'section' in parsed)
    ) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON: reported below.
  }
  throw damaged('the file holds a line that is neither a table header nor the manifest');
}

async function assertEmpty(sql: postgres.Sql | postgres.TransactionSql) {
  const [tables] = await sql<{ present: boolean }[]>`
    select to_regclass('public.events') is not null and to_regclass('public.streams') is not null
      as present`;
  if (!tables!.present) return;
  const [row] = await sql<{ held: boolean }[]>`
    select exists (select 1 from events) or exists (select 1 from streams) as held`;
  if (row!.held) {
    throw new RestoreError(
      'not-empty',
      'the database already holds events or streams: restore only into an empty database (create one, and point DATABASE_URL at it)',
    );
  }
}

/**
 * What the loaded rows must show before the restore commits: the manifest's counts, every chain
 * intact from its genesis or truncation anchor up to its stream's version, and the same heads.
 */
async function checkRestored(
  tx: postgres.TransactionSql,
  manifest: BackupManifest,
  onVerified: (events: number) => void,
) {
  const [counts] = await tx<{ events: number; max_position: number }[]>`
    select count(*)::int as events, coalesce(max(global_position), 0) as max_position from events`;
  if (counts!.events !== manifest.events || counts!.max_position !== manifest.maxPosition) {
    throw new RestoreError(
      'mismatch',
      `the restored events (${counts!.events}, up to position ${counts!.max_position}) differ from the manifest's (${manifest.events}, up to ${manifest.maxPosition})`,
    );
  }
  const anchors = new Map(
    (
      await tx<{ stream_id: string; anchor_version: number; anchor_hash: string }[]>`
      select stream_id, anchor_version, anchor_hash from stream_truncations`
    ).map((row) => [row.stream_id, row]),
  );
  let streamId: string | null = null;
  let version = 0;
  let prevHash = GENESIS_HASH;
  let verified = 0;
  await tx
    .unsafe(`select ${VERIFY_COLUMNS} from events order by stream_id, stream_version`)
    .cursor(2000, (batch) => {
      const rows = batch as unknown as VerifyRow[];
      for (const row of rows) {
        if (row.stream_id !== streamId) {
          streamId = row.stream_id;
          const anchor = anchors.get(streamId);
          version = anchor?.anchor_version ?? 0;
          prevHash = anchor?.anchor_hash ?? GENESIS_HASH;
        }
        if (!linkHolds(row, version + 1, prevHash)) {
          throw new RestoreError(
            'broken-chain',
            `stream ${row.stream_id}: the chain breaks at version ${version + 1}`,
          );
        }
        version = row.stream_version;
        prevHash = row.hash;
      }
      verified += rows.length;
      onVerified(verified);
    });
  const [short] = await tx<{ stream_id: string }[]>`
    select s.stream_id from streams s
    left join (select stream_id, max(stream_version) as version from events group by stream_id) e
      using (stream_id)
    left join stream_truncations t using (stream_id)
    where coalesce(e.version, t.anchor_version, 0) <> s.version
    limit 1`;
  if (short)
    throw new RestoreError(
      'broken-chain',
      `stream ${short.stream_id}: its events end below its version`,
    );
  const heads = await streamHeadsRoot(tx);
  if (heads.count !== manifest.streams.count || heads.root !== manifest.streams.root) {
    throw new RestoreError(
      'mismatch',
      `the restored streams' heads (${heads.count}, root ${heads.root}) differ from the manifest's (${manifest.streams.count}, root ${manifest.streams.root})`,
    );
  }
}

/** Identity and serial columns continue after the restored rows. */
async function setSequences(tx: postgres.TransactionSql) {
  const columns = await tx<{ table_name: string; column_name: string; sequence: string }[]>`
    select c.relname as table_name, a.attname as column_name,
      pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`;
  for (const { table_name, column_name, sequence } of columns) {
    await tx.unsafe(
      `select setval($1, coalesce((select max(${ident(column_name)}) from ${ident(table_name)}), 0) + 1, false)`,
      [sequence],
    );
  }
}
