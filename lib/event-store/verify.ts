import { assertRole } from '../actor';
import type { StoreContext } from './context';
import { getStream } from './get-stream';
import { GENESIS_HASH, chainHash, contentHash } from './hash';
import { isStoredAsHashed, scanJsonText } from './json-text';
import { isoText, type EventRow } from './rows';
import type { JsonObject, WithActor } from './types';

export type VerifyResult = {
  streamId: string;
  valid: boolean;
  checkedEvents: number;
  firstInvalidVersion: number | null;
  headHash: string | null;
};

const PAGE = 1000;

const STORED_COLUMNS = `stream_id, stream_version, event_id, event_type, schema_version,
  data::text as data_text, metadata::text as metadata_text, ${isoText('occurred_at')},
  ${isoText('recorded_at')}, prev_hash, hash`;

type StoredRow = Omit<EventRow, 'data' | 'metadata' | 'global_position'> & {
  data_text: string;
  metadata_text: string;
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
  const checkRows = (rows: StoredRow[]): number | null => {
    for (const row of rows) {
      const expectedVersion = checked + 1;
      headHash = row.hash;
      if (row.stream_version !== expectedVersion || row.prev_hash !== prevHash)
        return expectedVersion;
      const honest = (text: string) => scanJsonText(text, { number: isStoredAsHashed });
      if (!honest(row.data_text) || !honest(row.metadata_text)) return expectedVersion;
      const recomputed = chainHash({
        prevHash,
        version: row.stream_version,
        occurredAtMs: Date.parse(row.occurred_at),
        recordedAtMs: Date.parse(row.recorded_at),
        contentHash: contentHash({
          streamId: row.stream_id,
          eventId: row.event_id,
          type: row.event_type,
          schemaVersion: row.schema_version,
          data: JSON.parse(row.data_text) as JsonObject,
          metadata: JSON.parse(row.metadata_text) as JsonObject,
        }),
      });
      if (recomputed !== row.hash) return expectedVersion;
      prevHash = row.hash;
      checked = expectedVersion;
    }
    return null;
  };
  // The stored text, not what postgres.js parses into doubles: a tampered number such as
  // 9007199254740993 would read as the 9007199254740992 that was hashed.
  const page = (after: number) =>
    sql<StoredRow[]>`
    select ${sql.unsafe(STORED_COLUMNS)} from events
    where stream_id = ${streamId} and stream_version > ${after} and stream_version <= ${stream.version}
    order by stream_version limit ${PAGE}`.execute();
  // The next page is read while this one is checked: the database and the hashing overlap.
  let next: Promise<StoredRow[]> | null = page(0);
  while (next) {
    const rows: StoredRow[] = await next;
    next = rows.length === PAGE ? page(rows.at(-1)!.stream_version) : null;
    const broken = checkRows(rows);
    if (broken !== null) {
      next?.catch(() => {});
      return result(broken);
    }
  }
  return result(checked === stream.version ? null : checked + 1);
}
