import type { Queryable } from '../event-store/context';

export type Limit = { max: number; windowMs: number };
export type LimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * A fixed-window counter kept in PostgreSQL, for limits that must hold however many app
 * processes there are (sign-in attempts): one statement counts the hit and answers.
 */
export async function hitInDatabase(
  sql: Queryable,
  key: string,
  limit: Limit,
): Promise<LimitResult> {
  const [row] = await sql<{ hits: number; retry_ms: number }[]>`
    insert into rate_limits as r (key, window_start, hits) values (${key}, clock_timestamp(), 1)
    on conflict (key) do update set
      window_start = case when r.window_start <= clock_timestamp() - ${limit.windowMs} * interval '1 millisecond'
        then clock_timestamp() else r.window_start end,
      hits = case when r.window_start <= clock_timestamp() - ${limit.windowMs} * interval '1 millisecond'
        then 1 else r.hits + 1 end
    returning hits,
      (extract(epoch from (window_start + ${limit.windowMs} * interval '1 millisecond' - clock_timestamp())) * 1000)::int as retry_ms`;
  return verdict(row?.hits ?? 1, row?.retry_ms ?? limit.windowMs, limit);
}

/**
 * The same counter in this process's memory, for the API's per-token limit: it runs on every
 * request, where a database write would cost more than the request itself. With several
 * processes each allows the limit (documented).
 */
export function createMemoryLimiter(limit: Limit) {
  const windows = new Map<string, { start: number; hits: number }>();
  return (key: string, now = Date.now()): LimitResult => {
    let window = windows.get(key);
    if (!window || window.start <= now - limit.windowMs) {
      if (windows.size > 100_000) windows.clear();
      window = { start: now, hits: 0 };
      windows.set(key, window);
    }
    window.hits++;
    return verdict(window.hits, window.start + limit.windowMs - now, limit);
  };
}

const verdict = (hits: number, retryMs: number, limit: Limit): LimitResult => ({
  allowed: hits <= limit.max,
  retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)),
});
