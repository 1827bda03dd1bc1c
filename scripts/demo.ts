import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { connect } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { roles, type Role } from '../lib/actor';
import { env } from '../lib/env';
import { createChronicle } from '../lib/chronicle';
import { localMasterKey, localSigningKeyPem } from '../lib/integrity/key-file';
import { loadSigningKey } from '../lib/integrity/signing-key';
import { loadMasterKey } from '../lib/personal/master-key';
import { seedGenericData } from './demo/generic-data';
import { seedResearchData } from './demo/research-data';

const actor = { id: 'demo-seed', role: 'admin', via: 'system' } as const;
const SOURCES = [
  'app',
  'components',
  'hooks',
  'lib',
  'db',
  'drizzle',
  'proxy.ts',
  'next.config.js',
];

/**
 * `npm run demo`: the console on http://localhost:3000 over the embedded PostgreSQL (or
 * DATABASE_URL), with demo data written into an empty store and a printed API token.
 */
let server: EmbeddedServer | undefined;

async function main() {
  const config = env();
  let url = config.DATABASE_URL;
  if (!url) {
    console.log('Starting the embedded PostgreSQL …');
    server = await startEmbeddedPostgres({
      dataDir: config.CHRONICLE_DATA_DIR,
      port: config.CHRONICLE_EMBEDDED_PORT,
    });
    console.log(`The embedded PostgreSQL keeps its files in ${server.databaseDir}`);
    url = server.url;
  }
  await runMigrations({ url });
  const signingKey = config.CHRONICLE_SIGNING_KEY ?? localSigningKeyPem(config.CHRONICLE_DATA_DIR);
  const masterKey = config.CHRONICLE_MASTER_KEY ?? localMasterKey(config.CHRONICLE_DATA_DIR);
  await seedIfEmpty(url, signingKey, masterKey);
  const accounts = await demoAccounts(url, config.CHRONICLE_DATA_DIR);
  if (needsBuild()) {
    console.log('Building the console (next build) …');
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const token = config.CHRONICLE_BOOTSTRAP_TOKEN ?? demoToken(config.CHRONICLE_DATA_DIR);
  const port = process.env.PORT ?? '3000';
  const logFile = path.join(config.CHRONICLE_DATA_DIR, 'demo.log');
  const app = spawn(process.execPath, ['server.mjs'], {
    stdio: ['ignore', openSync(logFile, 'a'), 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      DATABASE_URL: url,
      CHRONICLE_BOOTSTRAP_TOKEN: token,
      CHRONICLE_SIGNING_KEY: signingKey,
      CHRONICLE_MASTER_KEY: masterKey,
      CHRONICLE_EMBEDDED_DATABASE: server ? 'true' : 'false',
    },
  });
  const stop = async (code: number) => {
    app.kill('SIGTERM');
    await new Promise((resolve) =>
      app.exitCode === null ? app.once('exit', resolve) : resolve(null),
    );
    await server?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  app.once('exit', (code) => void stop(code ?? 1));
  await waitForHealth(`http://localhost:${port}/api/v1/health`);
  console.log(`\nChronicle is running: http://localhost:${port} (sign in with one of these)`);
  for (const account of accounts) {
    console.log(`  ${account.role.padEnd(8)}  ${account.email}  password: ${account.password}`);
  }
  console.log(`API token (admin): ${token}`);
  console.log(
    `Try: curl -H "Authorization: Bearer ${token}" http://localhost:${port}/api/v1/streams`,
  );
  console.log(`Server logs: ${logFile}. Stop with Ctrl+C.`);
}

async function seedIfEmpty(url: string, signingKey: string, masterKey: string) {
  const db = connect({ url, max: 8 });
  try {
    const chronicle = createChronicle({
      db,
      signingKey: loadSigningKey(signingKey),
      masterKey: loadMasterKey(masterKey),
    });
    const stats = await chronicle.store.stats({ actor });
    if (stats.events > 0) {
      console.log(
        `Store holds ${stats.events} events in ${stats.streams} streams; no demo data added.`,
      );
      return;
    }
    console.log('Writing demo data (research workflows, agents, and a few generic categories) …');
    await seedResearchData(chronicle, actor);
    await seedGenericData(chronicle.store, actor);
    await chronicle.repository.flush();
    await chronicle.integrity.takeDigest({ actor });
    const seeded = await chronicle.store.stats({ actor });
    console.log(`Wrote ${seeded.events} demo events in ${seeded.streams} streams.`);
  } finally {
    await db.$client.end();
  }
}

type DemoAccount = { role: Role; email: string; password: string };

/**
 * One account per role, with passwords made on the first run and kept with the data (readable
 * only by its owner), so that what was printed last time still signs in.
 */
async function demoAccounts(url: string, dataDir: string): Promise<DemoAccount[]> {
  const file = path.join(dataDir, 'demo-accounts.json');
  const accounts: DemoAccount[] = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[])
    : roles.map((role) => ({
        role,
        email: `${role}@example.org`,
        password: randomBytes(12).toString('base64url'),
      }));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  const db = connect({ url, max: 2 });
  try {
    const chronicle = createChronicle({ db });
    for (const { role, email, password } of accounts) {
      const name = `Demo ${role}`;
      await chronicle.accounts.ensureUser({ email, name, role, password });
    }
  } finally {
    await db.$client.end();
  }
  return accounts;
}

function newestSourceTime(dir: string): number {
  if (!existsSync(dir)) return 0;
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs;
    return Math.max(newest, time);
  }, 0);
}

function needsBuild(): boolean {
  const buildId = '.next/BUILD_ID';
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((dir) => newestSourceTime(dir) > built);
}

/** Kept with the data so the token printed last time still works. */
function demoToken(dataDir: string): string {
  const file = path.join(dataDir, 'demo-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `chr_${randomBytes(24).toString('hex')}`;
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

async function waitForHealth(url: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within a minute`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await server?.stop();
  process.exit(1);
});
