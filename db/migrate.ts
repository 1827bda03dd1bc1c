import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Logger, runMigrations as runQueueMigrations } from 'graphile-worker';
import postgres from 'postgres';

const MIGRATION_LOCK = 7_301_202_611;

const quietLogger = new Logger(() => () => {});

/** Applies pending migrations, ours and the job queue's; concurrent callers (several app processes) wait for each other. */
export async function runMigrations({ url }: { url: string }): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), {
      migrationsFolder: path.resolve(process.cwd(), 'drizzle'),
    });
    // The job queue's own schema (graphile_worker), which replays are enqueued into.
    await runQueueMigrations({ connectionString: url, maxPoolSize: 1, logger: quietLogger });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end();
  }
}
