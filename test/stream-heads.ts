import type postgres from 'postgres';

/**
 * Streams whose stored head (hash, the hash before it, position) is not their last event's, or
 * for a stream whose events retention removed, its truncation anchor's hash.
 */
export async function streamsOffTheirHead(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ stream_id: string }[]>`
    select s.stream_id from streams s
    left join events e on e.stream_id = s.stream_id and e.stream_version = s.version
    left join stream_truncations t on t.stream_id = s.stream_id
    where s.head_hash is distinct from coalesce(e.hash, t.anchor_hash)
      or s.head_prev is distinct from e.prev_hash
      or s.head_position is distinct from e.global_position`;
  return rows.map((row) => row.stream_id);
}
