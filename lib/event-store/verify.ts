import { assertRole } from '../actor';
import type { StoreContext } from './context';
import { getStream } from './get-stream';
import { GENESIS_HASH, chainHash, storedContentHash } from './hash';
import { isStoredAsHashed, scanJsonText } from './json-text';
import type { StoredTextRow } from './rows';
import type { WithActor } from './types';

export type VerifyResult = {
  streamId: string;
  valid: boolean;
  checkedEvents: number;
  firstInvalidVersion: number | null;
  headHash: string | null;
};

const PAGE = 1000;

/**
 * The stored texts, and the two times as the integers the chain hashes (milliseconds since
 * 1970), which spares formatting them in the database and parsing them here.
 */
export const VERIFY_COLUMNS = `stream_id, stream_version, event_id, event_type, schema_version,
  data::text as data_text, metadata::text as metadata_text, prev_hash, hash,
  (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
  (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms`;

export type VerifyRow = Omit<StoredTextRow, 'global_position' | 'occurred_at' | 'recorded_at'> & {
  occurred_ms: number;
  recorded_ms: number;
};

/** Recomputes a stream's hash chain from the stored rows and names the first version that breaks it. */
export async function verifyStream(
  ctx: StoreContext,
  params: WithActor<{ streamId: string }>,
): Promise<VerifyResult> {
  assertRole(params.actor, 'auditor');
  const { streamId } = params;
  const stream = await getStream(ctx, params);
  const sql = ctx.sql;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let headHash: string | null = null;
  const result = (firstInvalidVersion: number | null): VerifyResult => ({
    streamId,
    valid: firstInvalidVersion === null,
    checkedEvents: checked,
    firstInvalidVersion,
    headHash,
  });
  /** The first version of `rows` that breaks the chain, or null. */
  const checkRows = (rows: VerifyRow[]): number | null => {
    for (const row of rows) {
      const expectedVersion = checked + 1;
      headHash = row.hash;
      if (!linkHolds(row, expectedVersion, prevHash)) return expectedVersion;
      prevHash = row.hash;
      checked = expectedVersion;
    }
    return null;
  };
  // The stored text, not what postgres.js parses into doubles: a tampered number such as
  // 9007199254740993 would read as the 9007199254740992 that was hashed.
  const page = (after: number) =>
    sql<VerifyRow[]>`
    select ${sql.unsafe(VERIFY_COLUMNS)} from events
    where stream_id = ${streamId} and stream_version > ${after} and stream_version <= ${stream.version}
    order by stream_version limit ${PAGE}`.execute();
  // The next page is read while this one is checked: the database and the hashing overlap.
  let next: Promise<VerifyRow[]> | null = page(0);
  while (next) {
    const rows: VerifyRow[] = await next;
    next = rows.length === PAGE ? page(rows.at(-1)!.stream_version) : null;
    const broken = checkRows(rows);
    if (broken !== null) {
      next?.catch(() => {});
      return result(broken);
    }
  }
  return result(checked === stream.version ? null : checked + 1);
}

/** Whether `row` is the event `expectedVersion` of its stream, chained to `prevHash`, as stored. */
export function linkHolds(row: VerifyRow, expectedVersion: number, prevHash: string): boolean {
  if (row.stream_version !== expectedVersion || row.prev_hash !== prevHash) return false;
  const honest = (text: string) => scanJsonText(text, { number: isStoredAsHashed });
  if (!honest(row.data_text) || !honest(row.metadata_text)) return false;
  const recomputed = chainHash({
    prevHash,
    version: row.stream_version,
    occurredAtMs: row.occurred_ms,
    recordedAtMs: row.recorded_ms,
    contentHash: storedContentHash(row),
  });
  return recomputed === row.hash;
}
