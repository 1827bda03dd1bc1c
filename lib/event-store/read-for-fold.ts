import { assertRole } from '../actor';
import type { StoreContext } from './context';
import { assertInstant } from './instant';
import { openRows } from './open-rows';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';

export type ReadForFoldParams = WithActor<{
  streamId: string;
  /** Exclusive: the version the caller already has a state for (0 for none). */
  afterVersion: number;
  /** Inclusive upper bound on versions. */
  upToVersion?: number;
  /** Only events whose business time is at or before this. */
  occurredUpTo?: Date;
}>;

/**
 * All events of a stream past a known state, upcast, to rebuild an aggregate. Unpaged: an
 * aggregate's stream is bounded by design, and snapshots keep the tail short.
 */
export async function readForFold(
  ctx: StoreContext,
  params: ReadForFoldParams,
): Promise<RecordedEvent[]> {
  assertRole(params.actor, 'auditor');
  if (params.occurredUpTo) assertInstant(params.occurredUpTo, 'occurredUpTo');
  const { sql } = ctx;
  const rows = await sql<EventRow[]>`
    select ${sql.unsafe(EVENT_COLUMNS)} from events
    where stream_id = ${params.streamId} and stream_version > ${params.afterVersion}
      ${params.upToVersion === undefined ? sql`` : sql`and stream_version <= ${params.upToVersion}`}
      ${params.occurredUpTo ? sql`and occurred_at <= ${params.occurredUpTo.toISOString()}::timestamptz` : sql``}
    order by stream_version`;
  return openRows(ctx, rows);
}

/** The newest version recorded at or before `at` (0 if the stream had no event yet). */
export async function versionRecordedAt(
  ctx: StoreContext,
  { actor, streamId, at }: WithActor<{ streamId: string; at: Date }>,
): Promise<number> {
  assertRole(actor, 'auditor');
  assertInstant(at, 'at');
  const [row] = await ctx.sql<{ version: number | null }[]>`
    select max(stream_version) as version from events
    where stream_id = ${streamId} and recorded_at <= ${at.toISOString()}::timestamptz`;
  return row?.version ?? 0;
}

/** The newest version such that it and every earlier event occurred at or before `at`. */
export async function versionOccurredBy(
  ctx: StoreContext,
  { actor, streamId, at }: WithActor<{ streamId: string; at: Date }>,
): Promise<number> {
  assertRole(actor, 'auditor');
  assertInstant(at, 'at');
  const [row] = await ctx.sql<{ version: number }[]>`
    select coalesce(
      (select min(stream_version) - 1 from events
        where stream_id = ${streamId} and occurred_at > ${at.toISOString()}::timestamptz),
      (select version from streams where stream_id = ${streamId}),
      0) as version`;
  return row?.version ?? 0;
}
