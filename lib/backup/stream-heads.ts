import type postgres from 'postgres';
import { byStreamId, merkleTree, type StreamHead } from '../integrity/merkle';

/**
 * Every stream's head, as a digest's leaves: its version and the hash of its last event, or of
 * its truncation anchor when retention removed all its events. The Merkle root over them names
 * the whole state of the record in 64 hex digits.
 */
export async function streamHeadsRoot(
  sql: postgres.Sql | postgres.TransactionSql,
): Promise<{ count: number; root: string }> {
  const rows = await sql<{ stream_id: string; version: string; hash: string | null }[]>`
    select s.stream_id, s.version::text as version, coalesce(e.hash, t.anchor_hash) as hash
    from streams s
    left join events e on e.stream_id = s.stream_id and e.stream_version = s.version
    left join stream_truncations t on t.stream_id = s.stream_id`;
  const heads: StreamHead[] = rows.map((row) => {
    if (row.hash === null)
      throw new Error(`stream ${row.stream_id} has no event at its version ${row.version}`);
    return { streamId: row.stream_id, version: Number(row.version), hash: row.hash };
  });
  return { count: heads.length, root: merkleTree(heads.sort(byStreamId)).root };
}
