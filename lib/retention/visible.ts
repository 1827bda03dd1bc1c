import type { Queryable } from '../event-store/context';

/**
 * The one expiry predicate of every read: true for an event no read may show, false otherwise.
 * `alias` names the `events` row (empty for unqualified columns). The category test comes
 * first and its list is read once per statement (an init plan), so a category without a rule
 * (every category, when there are none) costs a comparison with an empty array per row;
 * chronicle_event_expired (drizzle/0010_removal.sql) runs only for categories with a rule.
 */
export const visibleEventSql = (sql: Queryable, alias = '') => {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return sql.unsafe(
    `(${c('category')} <> all(array(select category from retention_policies))
      or not chronicle_event_expired(${c('stream_id')}, ${c('category')}, ${c('stream_version')}, ${c('recorded_at')}))`,
  );
};

/** The last version of a stream no read shows (removed or expired), 0 for none. */
export async function expiredThrough(sql: Queryable, streamId: string): Promise<number> {
  const [row] = await sql<{ through: number }[]>`
    select chronicle_expired_through(${streamId})::bigint as through`;
  return Number(row?.through ?? 0);
}
