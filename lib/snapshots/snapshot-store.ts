import type { Queryable } from '../event-store/context';
import { CODEC, compress, decompress } from './codec';

export type SnapshotKind = { type: string; stateVersion: number };

export type StoredSnapshot<S> = { version: number; state: S };

/** Counted since the process started; the rest of the statistics come from the table. */
export const snapshotCounters = { staleIgnored: 0 };

export async function saveSnapshot<S>(
  sql: Queryable,
  {
    streamId,
    version,
    kind,
    state,
  }: { streamId: string; version: number; kind: SnapshotKind; state: S },
): Promise<void> {
  const started = performance.now();
  const json = JSON.stringify(state);
  const bytes = compress(json);
  const creationMs = performance.now() - started;
  await sql`
    insert into snapshots (stream_id, version, aggregate_type, aggregate_schema_version, codec, state,
      raw_bytes, compressed_bytes, creation_ms)
    values (${streamId}, ${version}, ${kind.type}, ${kind.stateVersion}, ${CODEC}, ${bytes},
      ${Buffer.byteLength(json)}, ${bytes.length}, ${creationMs})
    on conflict (stream_id, version) do nothing`;
}

/**
 * The newest snapshot at or below `maxVersion` whose state shape is the code's. Newer rows of
 * an older shape are skipped (and counted): their state would be read wrongly.
 */
export async function latestSnapshot<S>(
  sql: Queryable,
  { streamId, kind, maxVersion }: { streamId: string; kind: SnapshotKind; maxVersion?: number },
): Promise<StoredSnapshot<S> | null> {
  const rows = await sql<
    { version: number; aggregate_schema_version: number; codec: string; state: Buffer }[]
  >`
    select version, aggregate_schema_version, codec, state from snapshots
    where stream_id = ${streamId} and aggregate_type = ${kind.type}
      ${maxVersion === undefined ? sql`` : sql`and version <= ${maxVersion}`}
      and aggregate_schema_version <= ${kind.stateVersion}
    order by version desc limit 1`;
  const newest = rows[0];
  if (!newest) return null;
  if (newest.aggregate_schema_version < kind.stateVersion) {
    snapshotCounters.staleIgnored++;
    return null;
  }
  return {
    version: newest.version,
    state: JSON.parse(decompress(newest.codec, newest.state)) as S,
  };
}

/** Keeps the newest `keep` snapshots of each stream; returns how many were removed. */
export async function cleanupSnapshots(
  sql: Queryable,
  { keep }: { keep: number },
): Promise<number> {
  const result = await sql`
    delete from snapshots s using (
      select stream_id, version,
        row_number() over (partition by stream_id order by version desc) as rank
      from snapshots) ranked
    where s.stream_id = ranked.stream_id and s.version = ranked.version and ranked.rank > ${keep}`;
  return result.count;
}
