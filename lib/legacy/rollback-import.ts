import { actorLabel, assertRole, type Actor } from '../actor';
import { auditEvent } from '../audit/audit-event';
import type { Chronicle } from '../chronicle';
import { outboxEntry } from '../event-store/append';
import type { Queryable } from '../event-store/context';
import { categoryOf } from '../event-store/stream-id';
import { conflict, notFound } from '../errors';
import { liveTables, type Projection } from '../projections/projection';

export type RollbackResult = {
  importId: string;
  streams: number;
  removedEvents: number;
  /** Full replays queued for async projections that had already read the removed events. */
  replays: { projection: string; replayId: string }[];
};

type ImportRow = { status: string; dry_run: boolean; backup_file: string | null };
type StreamRow = {
  stream_id: string;
  version: number;
  imported: number;
  total: number;
  first_position: number;
  held: boolean;
};

const restoreHint = (backupFile: string | null) =>
  backupFile
    ? `Restore the backup taken before the import instead: npm run restore -- --from ${backupFile} (into an empty database)`
    : 'No backup was taken before this import; restore the newest backup from before it (npm run restore -- --from FILE, into an empty database)';

async function recordInTransaction(
  tx: Queryable,
  chronicle: Chronicle,
  event: ReturnType<typeof auditEvent>,
) {
  const entry = outboxEntry(chronicle.store.context, event);
  await tx`
    insert into audit_outbox (stream_id, event)
    select e ->> 'streamId', e -> 'event' from (select ${entry}::jsonb as e) x`;
}

async function deleteReadModelRows(
  tx: Queryable,
  projections: readonly Projection[],
  streams: string[],
) {
  for (const projection of projections) {
    if (!projection.forgetStreams) continue;
    const owned = streams.filter(
      (streamId) => projection.categories?.includes(categoryOf(streamId)) ?? true,
    );
    if (owned.length > 0) await projection.forgetStreams(tx, owned, liveTables(projection));
  }
}

/**
 * Undoes an import whose streams hold nothing but its own events: removes them through
 * `chronicle_remove_events` (the one way past the immutability triggers), with their stream rows,
 * snapshots, subject links (and the keys of subjects it alone brought), projection failures and read-model rows, in one transaction that
 * also marks the import rolled back and records the act. A stream appended to since, or held,
 * makes it refuse, naming the streams and the way back (the pre-import backup). Async projections
 * that had already counted the removed events are rebuilt by a full replay.
 */
export async function rollbackImport({
  chronicle,
  actor,
  importId,
}: {
  chronicle: Chronicle;
  actor: Actor;
  importId: string;
}): Promise<RollbackResult> {
  assertRole(actor, 'admin');
  const pool = chronicle.store.context.db.$client;
  const projections = chronicle.projectionCatalog;
  type Outcome =
    | { refused: { why: string; appended: string[]; held: string[]; backupFile: string | null } }
    | { streams: string[]; removedEvents: number; firstPosition: number };
  const outcome = await pool.begin(async (sql): Promise<Outcome> => {
    const tx = sql as unknown as Queryable;
    const [row] = await tx<ImportRow[]>`
      select status, dry_run, backup_file from imports where import_id::text = ${importId} for update`;
    if (!row) throw notFound(`Import ${importId} does not exist`);
    if (row.dry_run)
      throw conflict(`Import ${importId} was a dry run: it wrote nothing to roll back`);
    if (row.status === 'rolled_back') throw conflict(`Import ${importId} was already rolled back`);
    if (row.status === 'running') throw conflict(`Import ${importId} is still running`);
    // Locking the stream rows first keeps appends out until the check and the removal are done.
    const streams = await tx<StreamRow[]>`
      with mine as (
        select distinct stream_id from events
        where metadata ? 'importId' and metadata ->> 'importId' = ${importId}),
      locked as (
        select s.stream_id, s.version from streams s join mine using (stream_id)
        order by s.stream_id for update of s)
      select l.stream_id, l.version,
        count(*) filter (where e.metadata ->> 'importId' = ${importId})::int as imported,
        count(*)::int as total, min(e.global_position) as first_position,
        exists (select 1 from stream_holds h where h.stream_id = l.stream_id) as held
      from locked l join events e using (stream_id)
      group by l.stream_id, l.version order by l.stream_id`;
    const appended = streams.filter((s) => s.total !== s.imported).map((s) => s.stream_id);
    const held = streams.filter((s) => s.held).map((s) => s.stream_id);
    if (appended.length > 0 || held.length > 0) {
      const why = [
        appended.length > 0
          ? `${appended.length} of its streams were appended to since: ${appended.join(', ')}`
          : '',
        held.length > 0 ? `${held.length} are under legal hold: ${held.join(', ')}` : '',
      ].filter(Boolean);
      return { refused: { why: why.join('; '), appended, held, backupFile: row.backup_file } };
    }
    let removedEvents = 0;
    for (const stream of streams) {
      const [removed] = await tx<{ n: number }[]>`
        select chronicle_remove_events(${stream.stream_id}, ${stream.version}, 'import-rollback')::int as n`;
      removedEvents += removed!.n;
    }
    const ids = streams.map((s) => s.stream_id);
    await tx`delete from snapshots where stream_id = any(${ids}::text[])`;
    // A subject whose only streams were these came with the import: its key goes with it.
    await tx`
      with gone as (
        delete from subject_streams where stream_id = any(${ids}::text[]) returning subject_id
      )
      delete from subject_keys k
      where k.erased_at is null and k.subject_id in (select subject_id from gone)
        and not exists (
          select 1 from subject_streams s
          where s.subject_id = k.subject_id and s.stream_id <> all(${ids}::text[]))`;
    await tx`delete from projection_failures where stream_id = any(${ids}::text[])`;
    await tx`delete from streams where stream_id = any(${ids}::text[])`;
    await deleteReadModelRows(tx, projections, ids);
    await tx`
      update imports set status = 'rolled_back',
        report = coalesce(report, '{}'::jsonb) || ${JSON.stringify({
          rollback: {
            at: new Date().toISOString(),
            by: actorLabel(actor),
            streams: ids.length,
            removedEvents,
          },
        })}::jsonb
      where import_id::text = ${importId}`;
    await recordInTransaction(
      tx,
      chronicle,
      auditEvent({ actor }, 'LegacyImportRollback', 'succeeded', importId, {
        streams: ids.length,
        removedEvents,
      }),
    );
    return {
      streams: ids,
      removedEvents,
      firstPosition: Math.min(...streams.map((s) => s.first_position)),
    };
  });
  if ('refused' in outcome) {
    const { why, appended, held, backupFile } = outcome.refused;
    await chronicle.audit.record(
      auditEvent({ actor }, 'LegacyImportRollback', 'failed', importId, { appended, held }),
    );
    throw conflict(`Cannot roll back import ${importId}: ${why}. ${restoreHint(backupFile)}`, {
      appended,
      held,
      backupFile,
    });
  }
  chronicle.repository.forget(outcome.streams);
  const replays = await replayWhatCounted(chronicle, actor, outcome.streams, outcome.firstPosition);
  return {
    importId,
    streams: outcome.streams.length,
    removedEvents: outcome.removedEvents,
    replays,
  };
}

/** Async projections past the first removed event still count the removed events: rebuild them. */
async function replayWhatCounted(
  chronicle: Chronicle,
  actor: Actor,
  streams: string[],
  firstPosition: number,
): Promise<RollbackResult['replays']> {
  const categories = new Set(streams.map(categoryOf));
  const replays: RollbackResult['replays'] = [];
  for (const projection of chronicle.projectionCatalog) {
    if (projection.kind !== 'async') continue;
    if (projection.categories && !projection.categories.some((c) => categories.has(c))) continue;
    const [checkpoint] = await chronicle.store.context.sql<{ position: number }[]>`
      select position from projections where name = ${projection.name}`;
    if (!checkpoint || checkpoint.position < firstPosition) continue;
    const replay = await chronicle.replays.start({
      actor,
      projection: projection.name,
      mode: 'full',
    });
    replays.push({ projection: projection.name, replayId: replay.replayId });
  }
  return replays;
}
