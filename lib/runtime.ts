import { connect, type Database } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { authSecret } from './auth/secret';
import { env } from './env';
import { asQueryable } from './event-store/context';
import { createChronicle, type Chronicle } from './chronicle';
import { localMasterKey, localSigningKeyPem } from './integrity/key-file';
import { loadSigningKey } from './integrity/signing-key';
import { loadMasterKey } from './personal/master-key';
import type { EventStore } from './event-store';
import { logger } from './logger';
import { createReadRouting } from './replica/read-routing';
import { primaryOnly, replicaReads, type ReadSide, type ReadSides } from './replica/read-side';
import type { Actor } from './actor';

export type Runtime = {
  db: Database;
  chronicle: Chronicle;
  store: EventStore;
  /** Heavy reads: on the replica of DATABASE_REPLICA_URL when it may serve the caller. */
  reads: ReadSides;
  databaseUrl: string;
  embedded: boolean;
  close: () => Promise<void>;
};

const holder = globalThis as typeof globalThis & { __chronicleRuntime?: Promise<Runtime> };

/**
 * The process-wide database and store. Without DATABASE_URL it starts the embedded PostgreSQL
 * (one per process, even when Next loads this module several times) and applies migrations.
 */
export function getRuntime(): Promise<Runtime> {
  holder.__chronicleRuntime ??= start().catch((error: unknown) => {
    holder.__chronicleRuntime = undefined;
    throw error;
  });
  return holder.__chronicleRuntime;
}

export async function getStore(): Promise<EventStore> {
  return (await getRuntime()).store;
}

export async function getChronicle(): Promise<Chronicle> {
  return (await getRuntime()).chronicle;
}

/**
 * Where a heavy auditor read (stream pages, the explorer, states, downloads) runs for this
 * caller. Tailing `$all`, checkpoints and writes use `getStore()`: the primary.
 */
export async function getReads(actor: Actor): Promise<ReadSide> {
  return (await getRuntime()).reads.forActor(actor);
}

/** After a caller's write: its reads stay on the primary until a replica has replayed it. */
export function noteWrite(actor: Actor): void {
  void holder.__chronicleRuntime?.then((runtime) => runtime.reads.noteWrite(actor)).catch(() => {});
}

async function start(): Promise<Runtime> {
  const config = env();
  let server: EmbeddedServer | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    server = await startEmbeddedPostgres({
      dataDir: config.CHRONICLE_DATA_DIR,
      port: config.CHRONICLE_EMBEDDED_PORT,
    });
    databaseUrl = server.url;
    logger().info(
      { dataDir: config.CHRONICLE_DATA_DIR, databaseDir: server.databaseDir },
      `embedded PostgreSQL started; its files are in ${server.databaseDir}`,
    );
  }
  await runMigrations({ url: databaseUrl });
  const db = connect({ url: databaseUrl, max: config.CHRONICLE_DB_POOL_SIZE });
  const signInLimit = { max: config.CHRONICLE_SIGNIN_LIMIT, windowMs: 60_000 };
  const chronicle = createChronicle({
    authSecret: await authSecret(asQueryable(db.$client), config.CHRONICLE_AUTH_SECRET),
    secureCookies: config.CHRONICLE_PUBLIC_URL?.startsWith('https:') ?? false,
    sessionSeconds: Math.round(config.CHRONICLE_SESSION_HOURS * 3600),
    signInLimits: { perAddress: signInLimit, perAccount: signInLimit },
    db,
    snapshotEvery: config.CHRONICLE_SNAPSHOT_EVERY,
    snapshotKeep: config.CHRONICLE_SNAPSHOT_KEEP,
    cacheMaxBytes: config.CHRONICLE_CACHE_MAX_BYTES,
    cacheTtlMs: config.CHRONICLE_CACHE_TTL_MS,
    maxClockSkewMs: config.CHRONICLE_MAX_CLOCK_SKEW_MS,
    horizonWarnSeconds: config.CHRONICLE_HORIZON_WARN_SECONDS,
    onBackgroundError: (error) => logger().error({ err: error }, 'background work failed'),
    signingKey: signingKey(config, Boolean(server)),
    masterKey: configuredMasterKey(config, Boolean(server)),
  });
  const replicaDb =
    config.DATABASE_REPLICA_URL === undefined
      ? undefined
      : connect({
          url: config.DATABASE_REPLICA_URL,
          max: config.CHRONICLE_DB_POOL_SIZE,
          applicationName: 'chronicle-replica-reads',
          connectTimeout: 3,
        });
  const reads = replicaDb
    ? replicaReads({
        chronicle,
        replicaDb,
        routing: createReadRouting({ primary: db.$client, replica: replicaDb.$client }),
        snapshotEvery: config.CHRONICLE_SNAPSHOT_EVERY,
      })
    : primaryOnly(chronicle);
  const close = async () => {
    await replicaDb?.$client.end({ timeout: 5 });
    await db.$client.end({ timeout: 5 });
    await server?.stop();
  };
  if (server) stopOnExit(close);
  return {
    db,
    chronicle,
    store: chronicle.store,
    reads,
    databaseUrl,
    embedded: Boolean(server) || config.CHRONICLE_EMBEDDED_DATABASE,
    close,
  };
}

/** The configured key; an embedded installation makes its own in the data directory. */
function signingKey(config: ReturnType<typeof env>, embedded: boolean) {
  const pem =
    config.CHRONICLE_SIGNING_KEY ??
    (embedded ? localSigningKeyPem(config.CHRONICLE_DATA_DIR) : undefined);
  if (pem) return loadSigningKey(pem);
  logger().warn('no CHRONICLE_SIGNING_KEY: digests and evidence files cannot be signed');
  return null;
}

/**
 * Like the signing key: configured, or made by an embedded installation in its data directory.
 * Command-line tools that write personal data (imports) take theirs from here too.
 */
export function configuredMasterKey(config: ReturnType<typeof env>, embedded: boolean) {
  const text =
    config.CHRONICLE_MASTER_KEY ??
    (embedded ? localMasterKey(config.CHRONICLE_DATA_DIR) : undefined);
  if (text) return loadMasterKey(text);
  logger().warn('no CHRONICLE_MASTER_KEY: events with personal data are refused');
  return null;
}

function stopOnExit(close: () => Promise<void>) {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    close()
      .catch((error: unknown) => logger().error({ err: error }, 'shutdown failed'))
      .finally(() => process.kill(process.pid, signal));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, stop);
  }
}
