import { idempotencyConflict } from '../errors';
import type { StoreContext } from './context';
import { canonicalJson } from './canonical-json';
import type { AppendResult, JsonObject } from './types';

export type PreparedEvent = {
  eventId: string;
  /** Whether the caller chose the id (only then can an append be a retry). */
  clientEventId: boolean;
  type: string;
  schemaVersion: number;
  /** Canonical (RFC 8785) texts, as hashed and as sent to the database. */
  dataJson: string;
  metadataJson: string;
  suppliedMetadata: JsonObject;
  occurredAt: Date | undefined;
  contentHash: string;
  /** Whose personal data it holds (sealed in dataJson), if anyone's. */
  subjectId?: string;
};

type StoredRow = {
  event_id: string;
  stream_id: string;
  stream_version: number;
  global_position: number;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  occurred_at: Date;
};

/**
 * An append whose event ids are already stored is a retry when every event is there, in that
 * stream, in that order, with the content the caller sent: it gets the original result. Any
 * other reuse of an event id is a conflict. Metadata the store added (a generated correlation
 * id, the actor) is not compared, so a retry need not repeat it.
 */
export async function findIdempotentResult(
  ctx: StoreContext,
  streamId: string,
  prepared: PreparedEvent[],
): Promise<AppendResult | null> {
  const ids = prepared.filter((e) => e.clientEventId).map((e) => e.eventId);
  if (ids.length === 0) return null;
  const rows = await ctx.sql<StoredRow[]>`
    select event_id, stream_id, stream_version, global_position, event_type, data, metadata, occurred_at
    from events where event_id = any(${ids}::uuid[])`;
  if (rows.length === 0) return null;
  const byId = new Map(rows.map((row) => [row.event_id, row]));
  const matched = prepared.map((event) => byId.get(event.eventId));
  const first = matched[0];
  const isRetry =
    first !== undefined &&
    matched.every(
      (row, i) =>
        row !== undefined &&
        row.stream_id === streamId &&
        row.stream_version === first.stream_version + i &&
        sameContent(row, prepared[i]!),
    );
  if (!isRetry) {
    const reused = rows.map((row) => row.event_id);
    throw idempotencyConflict(
      `Event id${reused.length > 1 ? 's' : ''} ${reused.join(', ')} already written with other content or to another place`,
      reused,
    );
  }
  return {
    streamId,
    fromVersion: first.stream_version,
    toVersion: first.stream_version + prepared.length - 1,
    positions: matched.map((row) => row!.global_position),
  };
}

function sameContent(row: StoredRow, event: PreparedEvent): boolean {
  if (row.event_type !== event.type) return false;
  if (canonicalJson(row.data) !== event.dataJson) return false;
  if (event.occurredAt && row.occurred_at.getTime() !== event.occurredAt.getTime()) return false;
  return Object.entries(event.suppliedMetadata).every(
    ([key, value]) => key === 'actor' || canonicalJson(row.metadata[key]) === canonicalJson(value),
  );
}
