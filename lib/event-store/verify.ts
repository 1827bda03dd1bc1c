import { assertRole } from '../actor';
import type { StoreContext } from './context';
import { getStream } from './get-stream';
import { GENESIS_HASH, chainHash, contentHash } from './hash';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { WithActor } from './types';

export type VerifyResult = {
  streamId: string;
  valid: boolean;
  checkedEvents: number;
  firstInvalidVersion: number | null;
  headHash: string | null;
};

const PAGE = 1000;

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
  for (;;) {
    const rows = await sql<EventRow[]>`
      select ${sql.unsafe(EVENT_COLUMNS)} from events
      where stream_id = ${streamId} and stream_version > ${checked} and stream_version <= ${stream.version}
      order by stream_version limit ${PAGE}`;
    for (const row of rows) {
      const expectedVersion = checked + 1;
      headHash = row.hash;
      if (row.stream_version !== expectedVersion || row.prev_hash !== prevHash)
        return result(expectedVersion);
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
          data: row.data,
          metadata: row.metadata,
        }),
      });
      if (recomputed !== row.hash) return result(expectedVersion);
      prevHash = row.hash;
      checked = expectedVersion;
    }
    if (rows.length < PAGE) break;
  }
  return result(checked === stream.version ? null : checked + 1);
}
