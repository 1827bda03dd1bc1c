import { env } from './env';
import { logger } from './logger';
import type { ReplicaStatus } from './replica/read-routing';
import { getRuntime } from './runtime';

export type Health =
  | {
      status: 'ok';
      database: {
        connected: true;
        embedded: boolean;
        latencyMs: number;
        serverVersion: string;
        oldestTransactionAgeSeconds: number;
        /** CHRONICLE_HORIZON_WARN_SECONDS: past this age the oldest transaction is a warning. */
        horizonWarnSeconds: number;
        /** The oldest open transaction is older than that: `$all` readers are held back. */
        horizonStalled: boolean;
      };
      /** DATABASE_REPLICA_URL's server: whether it serves heavy reads, or the primary does. */
      replica: ReplicaStatus;
    }
  | { status: 'unavailable'; database: { connected: false; error: string } };

type Row = { server_version: string; oldest_transaction_age_seconds: number };

/**
 * Whether the database answers, and the age of the oldest open transaction holding an xid in the
 * whole cluster: `$all` withholds every position above its xid until it ends (pitfalls 4–5), so
 * a long one looks like a stalled log. 0 when there is none.
 */
export async function checkHealth({
  timeoutMs = 3000,
}: { timeoutMs?: number } = {}): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Health>((resolve) => {
    timer = setTimeout(() => resolve(unavailable(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([probe(), timedOut]);
  } catch (error) {
    logger().warn({ err: error }, 'health check: database unavailable');
    return unavailable(kindOf(error));
  } finally {
    clearTimeout(timer);
  }
}

const unavailable = (error: string): Health => ({
  status: 'unavailable',
  database: { connected: false, error },
});

async function probe(): Promise<Health> {
  const runtime = await getRuntime();
  const started = performance.now();
  const [row] = await runtime.db.$client<Row[]>`
    select current_setting('server_version') as server_version,
      coalesce(extract(epoch from clock_timestamp() - min(xact_start)), 0)::float8
        as oldest_transaction_age_seconds
    from pg_stat_activity
    where backend_xid is not null and pid <> pg_backend_pid()`;
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  if (!row) throw new Error('the health query returned no row');
  const horizonWarnSeconds = env().CHRONICLE_HORIZON_WARN_SECONDS;
  const replica = await runtime.reads.status();
  // Judged as shown, to the millisecond: a warning never shows exactly the threshold.
  const oldestAge = Math.round(row.oldest_transaction_age_seconds * 1000) / 1000;
  return {
    status: 'ok',
    database: {
      connected: true,
      embedded: runtime.embedded,
      latencyMs,
      serverVersion: row.server_version,
      oldestTransactionAgeSeconds: oldestAge,
      horizonWarnSeconds,
      horizonStalled: oldestAge > horizonWarnSeconds,
    },
    replica,
  };
}

/** The health route needs no token, so it names the kind of failure, not hosts or messages. */
function kindOf(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : 'unreachable';
}
