import { randomUUID } from 'node:crypto';
import type { StoreContext, Queryable } from '../event-store/context';
import { openRows } from '../event-store/open-rows';
import { EVENT_COLUMNS, type EventRow } from '../event-store/rows';
import type { RecordedEvent } from '../event-store/types';
import type { FailureStatus, FailureView } from './views';

export type FailureRow = {
  id: string;
  projection: string;
  global_position: number;
  stream_id: string;
  event_id: string;
  event_type: string;
  status: FailureStatus;
  error: string | null;
  attempts: number;
  recorded_at: Date;
};

export const toFailureView = (row: FailureRow): FailureView => ({
  id: row.id,
  projection: row.projection,
  position: Number(row.global_position),
  streamId: row.stream_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status,
  error: row.error,
  attempts: row.attempts,
  recordedAt: row.recorded_at.toISOString(),
});

export const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2000);

export async function recordFailure(
  sql: Queryable,
  projection: string,
  event: RecordedEvent,
  { status, error, attempts }: { status: FailureStatus; error: string | null; attempts: number },
): Promise<void> {
  await sql`
    insert into projection_failures (id, projection, global_position, stream_id, event_id,
      event_type, status, error, attempts)
    values (${randomUUID()}, ${projection}, ${event.position}, ${event.streamId}, ${event.eventId},
      ${event.type}, ${status}, ${error}, ${attempts})
    on conflict (projection, global_position) do nothing`;
}

/** Streams whose later events wait behind a failed one. */
export async function parkedStreams(sql: Queryable, projection: string): Promise<Set<string>> {
  const rows = await sql<{ stream_id: string }[]>`
    select distinct stream_id from projection_failures
    where projection = ${projection} and status in ('failed', 'parked')`;
  return new Set(rows.map((row) => row.stream_id));
}

export async function listFailures(sql: Queryable, projection: string): Promise<FailureView[]> {
  const rows = await sql<FailureRow[]>`
    select * from projection_failures where projection = ${projection}
    order by global_position limit 1000`;
  return rows.map(toFailureView);
}

export async function findFailure(
  sql: Queryable,
  projection: string,
  id: string,
): Promise<FailureRow | undefined> {
  const [row] = await sql<FailureRow[]>`
    select * from projection_failures where projection = ${projection} and id::text = ${id}
    for update`;
  return row;
}

/** The failed and parked events of one stream, oldest first, as the projection reads them. */
export async function heldEvents(
  ctx: StoreContext,
  projection: string,
  streamId: string,
): Promise<RecordedEvent[]> {
  const rows = await ctx.sql<EventRow[]>`
    select ${ctx.sql.unsafe(EVENT_COLUMNS)} from events where global_position in (
      select global_position from projection_failures
      where projection = ${projection} and stream_id = ${streamId} and status in ('failed', 'parked'))
    order by global_position`;
  return openRows(ctx, rows);
}
