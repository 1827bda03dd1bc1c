import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const schema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  /** A streaming replica of DATABASE_URL's server: heavy auditor reads go there (README). */
  DATABASE_REPLICA_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  ),
  CHRONICLE_DATA_DIR: z.string().default('.data'),
  CHRONICLE_EMBEDDED_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  /** DATABASE_URL is the embedded PostgreSQL, started by `npm run demo` before the server. */
  CHRONICLE_EMBEDDED_DATABASE: z.stringbool().default(false),
  CHRONICLE_BOOTSTRAP_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  CHRONICLE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CHRONICLE_SNAPSHOT_EVERY: z.coerce.number().int().min(1).default(100),
  CHRONICLE_SNAPSHOT_KEEP: z.coerce.number().int().min(1).default(3),
  // 20: with the console's 10 s health poll, a stalled log shows within 30 s.
  CHRONICLE_HORIZON_WARN_SECONDS: z.coerce.number().min(1).max(86_400).default(20),
  CHRONICLE_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024),
  CHRONICLE_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 60 * 1000),
  CHRONICLE_MAX_CLOCK_SKEW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60 * 1000),
  CHRONICLE_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  CHRONICLE_AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  CHRONICLE_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(8),
  CHRONICLE_ADMIN_EMAIL: optional(z.email()),
  CHRONICLE_ADMIN_PASSWORD: optional(z.string().min(12, 'must be at least 12 characters')),
  CHRONICLE_SIGNIN_LIMIT: z.coerce.number().int().min(1).default(10),
  CHRONICLE_API_RATE_LIMIT: z.coerce.number().int().min(1).default(6000),
  CHRONICLE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  CHRONICLE_METRICS_PUBLIC: z.stringbool().default(false),
  /** Whether the app process also runs replays and async projections (`npm run worker` does). */
  CHRONICLE_WORKER: z.stringbool().default(true),
  CHRONICLE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  CHRONICLE_REPLAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Ed25519 private key (PKCS #8 PEM, or its DER in base64) that signs digests and evidence. */
  CHRONICLE_SIGNING_KEY: optional(z.string()),
  /** 32 random bytes, base64: wraps the data subjects' keys (docs/compliance.md). */
  CHRONICLE_MASTER_KEY: optional(z.string()),
  /** When the worker takes a digest of the store (cron syntax, UTC); `off` for never. */
  CHRONICLE_DIGEST_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be five cron fields or "off"')
    .default('*/10 * * * *'),
  /** When the worker removes expired events for good (cron syntax, UTC); `off` for never. */
  CHRONICLE_SCAVENGE_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be five cron fields or "off"')
    .default('17 3 * * *'),
  /** Serves /api/bench/append/{id}, the benchmark's floor (no checks at all): never in production. */
  CHRONICLE_BENCH_FLOOR: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** Validated once, on first use, so that a bad variable stops start-up with a clear message. */
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  parsed = result.data;
  return parsed;
}
