import type postgres from 'postgres';
import { EMPTY_ROOT, leafHash, nodeHash, type StreamHead } from '../integrity/merkle';

/**
 * The root `merkleTree` (lib/integrity/merkle.ts) gives for leaves fed in order, built as they
 * come: it holds one node per level, not every leaf.
 */
export class MerkleRootBuilder {
  private readonly stack: { level: number; hash: string }[] = [];
  count = 0;

  add(head: StreamHead) {
    this.count++;
    let node = { level: 0, hash: leafHash(head) };
    for (let top = this.stack.at(-1); top?.level === node.level; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { level: node.level + 1, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
  }

  /** A last node without a sibling is carried up as is, so the rest fold from the right. */
  root(): string {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack.at(-1)!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

/**
 * Every stream's head, as a digest's leaves: its version and the hash of its last event, or of
 * its truncation anchor when retention removed all its events. The Merkle root over them names
 * the whole state of the record in 64 hex digits. Read with a cursor in stream id order (byte
 * order, as `byStreamId` sorts ASCII ids), so memory stays flat however many streams there are.
 */
export async function streamHeadsRoot(
  sql: postgres.Sql | postgres.TransactionSql,
): Promise<{ count: number; root: string }> {
  const builder = new MerkleRootBuilder();
  await sql<{ stream_id: string; version: string; hash: string | null }[]>`
    select s.stream_id, s.version::text as version, coalesce(e.hash, t.anchor_hash) as hash
    from streams s
    left join events e on e.stream_id = s.stream_id and e.stream_version = s.version
    left join stream_truncations t on t.stream_id = s.stream_id
    order by s.stream_id collate "C"`.cursor(5000, (rows) => {
    for (const row of rows) {
      if (row.hash === null) {
        throw new Error(`stream ${row.stream_id} has no event at its version ${row.version}`);
      }
      builder.add({ streamId: row.stream_id, version: Number(row.version), hash: row.hash });
    }
  });
  return { count: builder.count, root: builder.root() };
}
