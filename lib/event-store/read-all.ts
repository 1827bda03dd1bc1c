import { assertRole } from '../actor';
import { validationError } from '../errors';
import { metrics } from '../metrics';
import type { StoreContext } from './context';
import { pageSize } from './limits';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';

export type AllFilter = {
  types?: string[];
  category?: string;
  correlationId?: string;
  /** Recorded time, inclusive. */
  from?: Date;
  /** Recorded time, exclusive. */
  to?: Date;
};

export type ReadAllParams = WithActor<
  AllFilter & { after?: number; limit?: number; raw?: boolean }
>;

export type AllPage = {
  events: RecordedEvent[];
  /** Pass as `after` to continue: everything up to it has been read (filtered or not). */
  lastPosition: number;
};

/**
 * Reads the global log after a position. A position is the writer's transaction id × 1024 plus
 * the event's index in that transaction, and only positions below the oldest transaction still
 * running (`pg_snapshot_xmin`) are returned: a later commit can never fill in a position at or
 * below one a reader has already passed.
 */
export async function readAll(ctx: StoreContext, params: ReadAllParams): Promise<AllPage> {
  assertRole(params.actor, 'auditor');
  const after = params.after ?? 0;
  if (!Number.isSafeInteger(after) || after < 0) {
    throw validationError('after must be an integer ≥ 0', [{ path: 'after', message: 'invalid' }]);
  }
  const limit = pageSize(params.limit);
  const sql = ctx.sql;
  const stop = metrics().readSeconds.startTimer({ kind: 'all' });
  const rows = await sql<(EventRow & { horizon: number })[]>`
    with h as (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1024 as horizon)
    select e.*, h.horizon from h left join lateral (
      select ${sql.unsafe(EVENT_COLUMNS)} from events
      where global_position > ${after} and global_position < h.horizon
        ${params.types?.length ? sql`and event_type = any(${params.types})` : sql``}
        ${params.category ? sql`and category = ${params.category}` : sql``}
        ${params.correlationId ? sql`and metadata ->> 'correlationId' = ${params.correlationId}` : sql``}
        ${params.from ? sql`and recorded_at >= ${params.from.toISOString()}::timestamptz` : sql``}
        ${params.to ? sql`and recorded_at < ${params.to.toISOString()}::timestamptz` : sql``}
      order by global_position
      limit ${limit}
    ) e on true`;
  stop();
  const horizon = rows[0]?.horizon ?? after + 1;
  const eventRows = rows.filter((row) => row.global_position !== null);
  const events = eventRows.map(toRecordedEvent);
  const last = events.at(-1);
  const lastPosition =
    events.length === limit && last ? last.position : Math.max(after, horizon - 1);
  return { events: params.raw ? events : events.map((e) => ctx.registry.upcast(e)), lastPosition };
}
