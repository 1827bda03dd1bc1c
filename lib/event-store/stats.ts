import { assertRole } from '../actor';
import type { StoreContext } from './context';
import type { WithActor } from './types';

export type CategoryStats = {
  category: string;
  streams: number;
  events: number;
  lastUpdatedAt: string;
};
export type StoreStats = { streams: number; events: number; categories: CategoryStats[] };

/**
 * Exact counts from `streams`: a stream's version is its number of events, less those retention
 * has expired or removed (worked out only for streams that have either).
 */
export async function storeStats(
  ctx: StoreContext,
  { actor }: WithActor<object>,
): Promise<StoreStats> {
  assertRole(actor, 'auditor');
  const rows = await ctx.sql<
    { category: string; streams: number; events: number; last_updated_at: Date }[]
  >`
    select s.category, count(*)::bigint as streams,
      sum(s.version - case
        when t.stream_id is not null
          or s.category = any(array(select category from retention_policies))
        then chronicle_expired_through(s.stream_id) else 0 end)::bigint as events,
      max(s.updated_at) as last_updated_at
    from streams s left join stream_truncations t using (stream_id)
    group by s.category order by s.category`;
  const categories = rows.map((row) => ({
    category: row.category,
    streams: row.streams,
    events: row.events,
    lastUpdatedAt: row.last_updated_at.toISOString(),
  }));
  return {
    streams: categories.reduce((sum, c) => sum + c.streams, 0),
    events: categories.reduce((sum, c) => sum + c.events, 0),
    categories,
  };
}
