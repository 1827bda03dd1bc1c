import { assertRole, type Actor } from './actor';
import type { Queryable } from './event-store/context';
import { HORIZON } from './event-store/read-all';

/** An open transaction that holds a transaction id, as `pg_stat_activity` shows it. */
export type OpenTransaction = {
  pid: number;
  applicationName: string;
  clientAddress: string | null;
  state: string | null;
  xid: string;
  transactionStart: string;
  queryStart: string | null;
  ageSeconds: number;
};

export type LogHealth = {
  /** Oldest first; the first is the one that holds back the gap-safe horizon. */
  holders: OpenTransaction[];
  /** Committed events at or above the horizon: in the log, but not yet readable from `$all`. */
  heldBack: { events: number; oldestAgeSeconds: number | null };
  warnSeconds: number;
  /** The oldest holder has been open longer than `warnSeconds`. */
  warning: boolean;
};

type HolderRow = {
  pid: number;
  application_name: string;
  client_addr: string | null;
  state: string | null;
  xid: string;
  xact_start: Date;
  query_start: Date | null;
  age_seconds: number;
};

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Why `$all` readers may be waiting: `$all` returns only positions below the oldest transaction
 * still running anywhere on the server (`pg_snapshot_xmin`), so one long transaction, in any
 * database of the cluster, holds every later commit back until it ends.
 */
export async function logHealth(
  sql: Queryable,
  { actor, warnSeconds, limit = 5 }: { actor: Actor; warnSeconds: number; limit?: number },
): Promise<LogHealth> {
  assertRole(actor, 'auditor');
  const holders = await sql<HolderRow[]>`
    select pid, coalesce(application_name, '') as application_name, client_addr::text as client_addr,
      state, backend_xid::text as xid, xact_start, query_start,
      extract(epoch from clock_timestamp() - xact_start)::float8 as age_seconds
    from pg_stat_activity
    where backend_xid is not null and pid <> pg_backend_pid()
    order by age(backend_xid) desc, xact_start
    limit ${limit}`;
  const [held] = await sql<{ events: number; oldest_age_seconds: number | null }[]>`
    select count(*)::int as events,
      extract(epoch from clock_timestamp() - min(recorded_at))::float8 as oldest_age_seconds
    from events where global_position >= ${sql.unsafe(HORIZON)}`;
  const shown = holders.map((row) => ({
    pid: row.pid,
    applicationName: row.application_name,
    clientAddress: row.client_addr,
    state: row.state,
    xid: row.xid,
    transactionStart: row.xact_start.toISOString(),
    queryStart: row.query_start?.toISOString() ?? null,
    ageSeconds: round(row.age_seconds),
  }));
  return {
    holders: shown,
    heldBack: {
      events: held?.events ?? 0,
      oldestAgeSeconds:
        held?.oldest_age_seconds === null || held === undefined
          ? null
          : round(held.oldest_age_seconds),
    },
    warnSeconds,
    // Judged on the age as shown, so that a warning never shows an age of exactly the threshold.
    warning: (shown[0]?.ageSeconds ?? 0) > warnSeconds,
  };
}
