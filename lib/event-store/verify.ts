import { assertRole } from '../actor';
import { notFound } from '../errors';
import type { StoreContext } from './context';
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
  /** The chain starts after this version: 0, or the last version retention removed. */
  anchorVersion: number;
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

/**
 * Recomputes a stream's hash chain from the stored rows and names the first version that breaks
 * it. A stream whose oldest events retention removed is checked from its truncation anchor: the
 * first stored event must be the anchor's next version and carry the anchor's hash as prevHash.
 * Events that have expired but are not yet removed are stored, so they are checked too. The
 * stream's stored head (hash, the hash before it, position) must be its last event's: if not,
 * the last version is named.
 */
export async function verifyStream(
  ctx: StoreContext,
  params: WithActor<{ streamId: string }>,
): Promise<VerifyResult> {
  assertRole(params.actor, 'auditor');
  const { streamId } = params;
  const sql = ctx.sql;
  // The version and the head it goes with, read together: appends may go on meanwhile.
  const [stream] = await sql<StoredHead[]>`
    select version, head_hash, head_prev, head_position from streams where stream_id = ${streamId}`;
  if (!stream) throw notFound(`Stream ${streamId} does not exist`);
  const { version } = stream;
  const [anchor] = await sql<{ anchor_version: number; anchor_hash: string }[]>`
    select anchor_version, anchor_hash from stream_truncations where stream_id = ${streamId}`;
  const anchorVersion = anchor?.anchor_version ?? 0;
  let prevHash = anchor?.anchor_hash ?? GENESIS_HASH;
  /** The last version whose link was checked (the anchor's before the first). */
  let verified = anchorVersion;
  let last: PagedRow | null = null;
  const result = (firstInvalidVersion: number | null): VerifyResult => ({
    streamId,
    valid: firstInvalidVersion === null,
    checkedEvents: verified - anchorVersion,
    firstInvalidVersion,
    headHash: last?.hash ?? null,
    anchorVersion,
  });
  /** The first version of `rows` that breaks the chain, or null. */
  const checkRows = (rows: PagedRow[]): number | null => {
    for (const row of rows) {
      const expectedVersion = verified + 1;
      last = row;
      if (!linkHolds(row, expectedVersion, prevHash)) return expectedVersion;
      prevHash = row.hash;
      verified = expectedVersion;
    }
    return null;
  };
  // The stored text, not what postgres.js parses into doubles: a tampered number such as
  // 9007199254740993 would read as the 9007199254740992 that was hashed.
  const page = (after: number) =>
    sql<PagedRow[]>`
    select ${sql.unsafe(VERIFY_COLUMNS)}, global_position from events
    where stream_id = ${streamId} and stream_version > ${after} and stream_version <= ${version}
    order by stream_version limit ${PAGE}`.execute();
  // The next page is read while this one is checked: the database and the hashing overlap.
  let next: Promise<PagedRow[]> | null = page(anchorVersion);
  while (next) {
    const rows: PagedRow[] = await next;
    next = rows.length === PAGE ? page(rows.at(-1)!.stream_version) : null;
    const broken = checkRows(rows);
    if (broken !== null) {
      next?.catch(() => {});
      return result(broken);
    }
  }
  if (verified !== version) return result(verified + 1);
  // The head the next append links to must be the last event's (or the anchor's): a stored
  // head that differs would break the chain at the next version, so it breaks it here.
  return result(headHolds(stream, last, anchor?.anchor_hash ?? null) ? null : version);
}

type StoredHead = {
  version: number;
  head_hash: string | null;
  head_prev: string | null;
  head_position: number | null;
};

type PagedRow = VerifyRow & { global_position: number };

/**
 * The last event's hash, the hash before it and its position. A stream whose stored events all
 * expired keeps its anchor's hash; its position and the hash before it name the removed event
 * (after a restore, nothing), either of which is right for the next append.
 */
const headHolds = (stored: StoredHead, last: PagedRow | null, anchorHash: string | null) =>
  last
    ? stored.head_hash === last.hash &&
      stored.head_prev === last.prev_hash &&
      stored.head_position === last.global_position
    : stored.head_hash === anchorHash;

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
