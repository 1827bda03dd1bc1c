import { assertRole, type Actor } from '../actor';
import type { Queryable } from '../event-store/context';

export type SnapshotRow = {
  version: number;
  aggregateType: string;
  rawBytes: number;
  compressedBytes: number;
  createdAt: string;
};

/** A stream's stored snapshots, newest version first (sizes and times, not states). */
export async function streamSnapshots(
  sql: Queryable,
  { actor, streamId }: { actor: Actor; streamId: string },
): Promise<SnapshotRow[]> {
  assertRole(actor, 'auditor');
  const rows = await sql<
    {
      version: number;
      aggregate_type: string;
      raw_bytes: number;
      compressed_bytes: number;
      created_at: Date;
    }[]
  >`
    select version, aggregate_type, raw_bytes::int, compressed_bytes::int, created_at
    from snapshots where stream_id = ${streamId} order by version desc limit 100`;
  return rows.map((row) => ({
    version: Number(row.version),
    aggregateType: row.aggregate_type,
    rawBytes: row.raw_bytes,
    compressedBytes: row.compressed_bytes,
    createdAt: row.created_at.toISOString(),
  }));
}

export type SnapshotDay = { day: string; snapshots: number };

/** How many snapshots were taken each day (UTC) of the last `days`, oldest first. */
export async function snapshotsByDay(
  sql: Queryable,
  { actor, days = 30 }: { actor: Actor; days?: number },
): Promise<SnapshotDay[]> {
  assertRole(actor, 'auditor');
  const rows = await sql<{ day: string; snapshots: number }[]>`
    select to_char(d.day, 'YYYY-MM-DD') as day, count(s.stream_id)::int as snapshots
    from generate_series(
      date_trunc('day', now() at time zone 'utc') - make_interval(days => ${days - 1}),
      date_trunc('day', now() at time zone 'utc'), interval '1 day') as d(day)
    left join snapshots s
      on date_trunc('day', s.created_at at time zone 'utc') = d.day
    group by d.day order by d.day`;
  return rows;
}
