import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { closedPort } from './closed-port';

export type ReplicaCluster = {
  primaryUrl: string;
  replicaUrl: string;
  /** Admin connections to each server (one connection each). */
  primary: postgres.Sql;
  replica: postgres.Sql;
  /** Resolves once the replica has replayed everything the primary has written so far. */
  caughtUp: () => Promise<void>;
  stopReplica: () => void;
  stop: () => Promise<void>;
};

/**
 * The PostgreSQL binaries that include `pg_basebackup` (the embedded package's do not): PG_BIN,
 * else the newest Debian/Ubuntu install. Undefined when there are none.
 */
export function replicaBinaries(): string | undefined {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((major) => `/usr/lib/postgresql/${major}/bin`)
      : [];
  return candidates.find((dir) => existsSync(path.join(dir, 'pg_basebackup')));
}

/**
 * A primary of its own (never the shared server) and a hot standby made from it with
 * `pg_basebackup -R`, each in a temporary folder on a free port. PostgreSQL refuses to run as
 * root, so under root the servers run as the `postgres` OS user.
 */
export async function startReplicaCluster(bin: string): Promise<ReplicaCluster> {
  const base = mkdtempSync(path.join(tmpdir(), 'chronicle-replica-'));
  const owner = process.getuid?.() === 0 ? osUser('postgres') : undefined;
  if (owner) chownSync(base, owner.uid, owner.gid);
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(path.join(bin, tool), args, {
      cwd: base,
      encoding: 'utf8',
      ...(owner ?? {}),
    });
    if (result.status !== 0) {
      throw new Error(`${tool} failed: ${result.stderr || result.stdout || result.error?.message}`);
    }
  };
  const [primaryPort, replicaPort] = [await closedPort(), await closedPort()];
  const dirs = { primary: path.join(base, 'primary'), replica: path.join(base, 'replica') };
  const options = (port: number) =>
    `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const started: string[] = [];
  const stopServer = (dir: string) => {
    if (!started.includes(dir)) return;
    started.splice(started.indexOf(dir), 1);
    spawnSync(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop'], owner ?? {});
  };
  const cleanUp = () => {
    for (const dir of [...started]) stopServer(dir);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    run('initdb', [
      '-D',
      dirs.primary,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    run('pg_ctl', [
      '-D',
      dirs.primary,
      '-l',
      path.join(base, 'primary.log'),
      '-w',
      'start',
      '-o',
      `${options(primaryPort)} -c wal_level=replica -c max_wal_senders=4`,
    ]);
    started.push(dirs.primary);
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      dirs.replica,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    run('pg_ctl', [
      '-D',
      dirs.replica,
      '-l',
      path.join(base, 'replica.log'),
      '-w',
      'start',
      '-o',
      `${options(replicaPort)} -c hot_standby=on`,
    ]);
    started.push(dirs.replica);
  } catch (error) {
    cleanUp();
    throw error;
  }
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  const primary = postgres(url(primaryPort), { max: 1, onnotice: () => {} });
  const replica = postgres(url(replicaPort), { max: 1, onnotice: () => {} });
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    primary,
    replica,
    async caughtUp() {
      const [head] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      const lsn = head!.lsn;
      for (let attempt = 0; attempt < 400; attempt++) {
        const [row] = await replica<{ done: boolean }[]>`
          select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`;
        if (row?.done) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 10 s`);
    },
    stopReplica: () => stopServer(dirs.replica),
    async stop() {
      await Promise.all([primary.end({ timeout: 1 }), replica.end({ timeout: 1 })]);
      cleanUp();
    },
  };
}

function osUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
