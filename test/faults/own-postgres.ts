import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeEmbeddedData, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';

/**
 * A PostgreSQL server of the test's own (embedded, on a free port, files in a temporary folder),
 * which the test may stop and start: the shared server must never be restarted, and its other
 * users' transactions would hold back the gap-safe horizon the test looks at.
 */
export type OwnPostgres = {
  url: string;
  /** A fast shutdown (SIGINT): open transactions are rolled back, clients disconnected. */
  stop: () => Promise<void>;
  /** An immediate shutdown (SIGQUIT): no checkpoint, crash recovery at the next start. */
  stopImmediately: () => Promise<void>;
  start: () => Promise<void>;
  remove: () => Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chronicle-faults-'));
  let server: EmbeddedServer | undefined = await startEmbeddedPostgres({ dataDir });
  const { url } = server;
  const port = Number(new URL(url).port);
  // Root's embedded PostgreSQL keeps its files outside dataDir (db/embedded.ts): ask where.
  const { databaseDir } = server;
  const postmasterPid = () =>
    Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const gone = async (pid: number) => {
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    url,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    stopImmediately: async () => {
      const pid = postmasterPid();
      process.kill(pid, 'SIGQUIT');
      await gone(pid);
      server = undefined;
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, port });
    },
    remove: async () => {
      await server?.stop();
      removeEmbeddedData(dataDir);
    },
  };
}

/**
 * The app's runtime (store, route handlers) on a PostgreSQL of the test's own. Call it before
 * importing route modules: env and the runtime are process singletons, read on first use.
 */
export async function appOnOwnPostgres(env: Record<string, string> = {}) {
  const server = await startOwnPostgres();
  Object.assign(process.env, { DATABASE_URL: server.url, ...env });
  process.env.LOG_LEVEL ??= 'silent';
  const runtime = await import('@/lib/runtime');
  const health = await import('@/app/api/v1/health/route');
  const store = await runtime.getStore();
  return {
    server,
    runtime,
    health,
    store,
    close: async () => {
      await (await runtime.getRuntime()).close();
      await server.remove();
    },
  };
}
