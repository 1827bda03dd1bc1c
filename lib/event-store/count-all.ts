import { assertRole } from '../actor';
import type { Queryable, StoreContext } from './context';
import { accessFor, filterSql, HORIZON, type Access, type AllFilter } from './read-all';
import type { WithActor } from './types';

/** Counting stops here: past it the answer is "more than", which is all a reader needs. */
export const COUNT_CAP = 10_000;

export type AllCount = { count: number; capped: boolean };

export const countQuery = (sql: Queryable, filter: AllFilter, access: Access = 'position') =>
  sql<{ count: number }[]>`
    select count(*)::int as count from (
      select 1 from events
      where global_position < ${sql.unsafe(HORIZON)} ${filterSql(sql, filter)}
      ${access === 'window' ? sql`offset 0` : sql`order by global_position desc`}
      limit ${COUNT_CAP + 1}
    ) matched`;

/**
 * How many readable events of `$all` match a filter, counting at most `COUNT_CAP` + 1 rows so
 * that a broad filter costs a bounded index walk, not a scan of the log. The order is not needed
 * for a count: it makes the planner walk an index for the first rows of a broad filter. A small
 * time window is counted through its time index, as it is read.
 */
export async function countAll(ctx: StoreContext, params: WithActor<AllFilter>): Promise<AllCount> {
  assertRole(params.actor, 'auditor');
  const [row] = await countQuery(ctx.sql, params, await accessFor(ctx.sql, params));
  const count = row?.count ?? 0;
  return count > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count, capped: false };
}
