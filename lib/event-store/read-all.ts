import { assertRole } from '../actor';
import { validationError } from '../errors';
import { metrics } from '../metrics';
import type { Queryable, StoreContext } from './context';
import { assertInstant } from './instant';
import { pageSize } from './limits';
import { openRows } from './open-rows';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';
import { visibleEventSql } from '../retention/visible';

export type AllFilter = {
  types?: string[];
  category?: string;
  /** Any of these categories (a projection's). */
  categories?: readonly string[];
  correlationId?: string;
  /** Exactly this stream. */
  streamId?: string;
  /**
   * `metadata.actor`, exactly (the REST and console parameter `actor`; here `actor` is the
   * caller).
   */
  metadataActor?: string;
  /** Occurred (business) time, inclusive. */
  occurredFrom?: Date;
  /** Occurred (business) time, exclusive. */
  occurredTo?: Date;
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
 * the event's index in that transaction (plus the position base, 0 unless restored), and only positions below the oldest transaction still
 * running (`pg_snapshot_xmin`) are returned: a later commit can never fill in a position at or
 * below one a reader has already passed.
 */
export async function readAll(ctx: StoreContext, params: ReadAllParams): Promise<AllPage> {
  assertRole(params.actor, 'auditor');
  const after = position('after', params.after ?? 0);
  const limit = pageSize(params.limit);
  const sql = ctx.sql;
  const stop = metrics().readSeconds.startTimer({ kind: 'all' });
  const rows = await forwardQuery(sql, params, after, limit, await accessFor(sql, params));
  stop();
  const horizon = rows[0]?.horizon ?? after + 1;
  const events = await toEvents(ctx, params, rows);
  const last = events.at(-1);
  const lastPosition =
    events.length === limit && last ? last.position : Math.max(after, horizon - 1);
  return { events, lastPosition };
}

export type ReadAllBackwardParams = WithActor<
  AllFilter & { before?: number; limit?: number; raw?: boolean }
>;

/**
 * The global log newest first, for people browsing it: from below `before` (exclusive; the
 * readable head by default), down. `lastPosition` is the `before` of the next page, 0 at the
 * start of the log. Followers of the log read forward.
 */
export async function readAllBackward(
  ctx: StoreContext,
  params: ReadAllBackwardParams,
): Promise<AllPage> {
  assertRole(params.actor, 'auditor');
  const before = params.before === undefined ? null : position('before', params.before);
  const limit = pageSize(params.limit);
  const sql = ctx.sql;
  const stop = metrics().readSeconds.startTimer({ kind: 'all' });
  const rows = await backwardQuery(sql, params, before, limit, await accessFor(sql, params));
  stop();
  const events = await toEvents(ctx, params, rows);
  const last = events.at(-1);
  return { events, lastPosition: events.length === limit && last ? last.position : 0 };
}

/**
 * How a page is read: `position` walks the log in order (through the index of a filter that
 * ends in the position, or the primary key) and stops at the page's last match; `window` first
 * takes the positions of a time window from its time index, then the page's events from them.
 * The planner cannot know that a time window sits late in the log (times follow positions), and
 * walking the log up to it would cost as much as the log before it.
 */
export type Access = 'position' | 'window';

/**
 * Time windows the planner expects to hold at most this many events are read through their time
 * index: about 20 ms for 70,000 events of a million, where walking the log to a window in its
 * middle took 140 ms.
 */
export const SMALL_WINDOW = 100_000;

const hasWindow = (filter: AllFilter) =>
  Boolean(filter.from ?? filter.to ?? filter.occurredFrom ?? filter.occurredTo);

type Explained = { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] };

/**
 * The access for a filter, from the planner's estimate of the time window's size (statistics of
 * one column, which it knows well; planning costs well under a millisecond). Either access
 * reads the same events: the choice is only about speed.
 */
export async function accessFor(sql: Queryable, filter: AllFilter): Promise<Access> {
  if (!hasWindow(filter)) return 'position';
  const [row] = await sql<Explained[]>`
    explain (format json) select 1 from events where true ${timeSql(sql, filter)}`;
  return row!['QUERY PLAN'][0].Plan['Plan Rows'] <= SMALL_WINDOW ? 'window' : 'position';
}

/**
 * The rows of a page: the first `limit` matches in the read's order. Through a time window, the
 * window's positions are taken first (`offset 0` keeps the planner from merging that step into
 * the ordered walk), then sorted and cut.
 */
function pageRows(
  sql: Queryable,
  where: ReturnType<Queryable>,
  order: 'asc' | 'desc',
  limit: number,
  access: Access,
) {
  const direction = sql.unsafe(order);
  return access === 'window'
    ? sql`
      select ${sql.unsafe(EVENT_COLUMNS)} from events where global_position = any(array(
        select global_position from (
          select global_position from events where ${where} offset 0
        ) window_positions order by global_position ${direction} limit ${limit}
      )) order by global_position ${direction}`
    : sql`
      select ${sql.unsafe(EVENT_COLUMNS)} from events where ${where}
      order by global_position ${direction} limit ${limit}`;
}

/** The statement of a forward page, apart so that tests can have it explained. */
export const forwardQuery = (
  sql: Queryable,
  filter: AllFilter,
  after: number,
  limit: number,
  access: Access = 'position',
) =>
  sql<(EventRow & { horizon: number })[]>`
    with h as (select ${sql.unsafe(HORIZON)} as horizon)
    select e.*, h.horizon from h left join lateral (${pageRows(
      sql,
      sql`global_position > ${after} and global_position < h.horizon ${filterSql(sql, filter)}`,
      'asc',
      limit,
      access,
    )}) e on true`;

/** The statement of a backward page (`before` null: from the readable head). */
export const backwardQuery = (
  sql: Queryable,
  filter: AllFilter,
  before: number | null,
  limit: number,
  access: Access = 'position',
) =>
  sql<EventRow[]>`${pageRows(
    sql,
    sql`global_position < least(${before}::bigint, ${sql.unsafe(HORIZON)}) ${filterSql(sql, filter)}`,
    'desc',
    limit,
    access,
  )}`;

/**
 * The lowest position a running transaction could still take: nothing at or above it is read.
 * The position base (drizzle/0011) lifts it above the log of a restored backup.
 */
export const HORIZON =
  '(pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1024 + chronicle_position_base())';

function position(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw validationError(`${name} must be an integer ≥ 0`, [{ path: name, message: 'invalid' }]);
  }
  return value;
}

/**
 * The filter as SQL after a `where`. Each condition matches an index: type, category,
 * correlation, stream and actor ones end in the global position (so that the order of the page
 * comes from the index too), the times have their own. Expired events match no filter.
 */
export function filterSql(sql: Queryable, filter: AllFilter) {
  return sql`
    and ${visibleEventSql(sql)}
    ${filter.streamId ? sql`and stream_id = ${filter.streamId}` : sql``}
    ${filter.metadataActor ? sql`and metadata ->> 'actor' = ${filter.metadataActor}` : sql``}
    ${filter.types?.length ? sql`and event_type = any(${filter.types})` : sql``}
    ${filter.category ? sql`and category = ${filter.category}` : sql``}
    ${filter.categories ? categoriesSql(sql, filter.categories) : sql``}
    ${filter.correlationId ? sql`and metadata ->> 'correlationId' = ${filter.correlationId}` : sql``}
    ${timeSql(sql, filter)}`;
}

/** The time window's conditions alone; a time outside what the store keeps is a 400. */
function timeSql(sql: Queryable, filter: AllFilter) {
  if (filter.from) assertInstant(filter.from, 'from');
  if (filter.to) assertInstant(filter.to, 'to');
  if (filter.occurredFrom) assertInstant(filter.occurredFrom, 'occurredFrom');
  if (filter.occurredTo) assertInstant(filter.occurredTo, 'occurredTo');
  const at = (date: Date) => date.toISOString();
  return sql`
    ${filter.occurredFrom ? sql`and occurred_at >= ${at(filter.occurredFrom)}::timestamptz` : sql``}
    ${filter.occurredTo ? sql`and occurred_at < ${at(filter.occurredTo)}::timestamptz` : sql``}
    ${filter.from ? sql`and recorded_at >= ${at(filter.from)}::timestamptz` : sql``}
    ${filter.to ? sql`and recorded_at < ${at(filter.to)}::timestamptz` : sql``}`;
}

/** One category as `=`, so that the (category, position) index also gives the order. */
const categoriesSql = (sql: Queryable, categories: readonly string[]) =>
  categories.length === 1
    ? sql`and category = ${categories[0]!}`
    : sql`and category = any(${categories as string[]})`;

function toEvents(
  ctx: StoreContext,
  { raw }: { raw?: boolean },
  rows: EventRow[],
): Promise<RecordedEvent[]> {
  return openRows(
    ctx,
    rows.filter((row) => row.global_position !== null),
    { raw },
  );
}
