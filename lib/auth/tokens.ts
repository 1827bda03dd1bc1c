import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { assertRole, roles, type Actor } from '../actor';
import { notFound, validationError } from '../errors';
import type { Queryable } from '../event-store/context';
import { parseInput } from '../validate';

export const TOKEN_PREFIX = 'chr_';

export type TokenInfo = {
  id: string;
  name: string;
  role: Actor['role'];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
};

export type CreatedToken = TokenInfo & { token: string };

export const newTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(100),
  role: z.enum(roles),
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((text) => new Date(text))
    .optional(),
});

const hashOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

type Row = {
  id: string;
  name: string;
  role: Actor['role'];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
};

const toInfo = (row: Row): TokenInfo => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
});

/** How often a token's last-used time is written at most: not a write per request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * How long a process trusts a token it has looked up: a revocation made through another process
 * takes effect there within this bound (at once in the process that revoked it).
 */
export const TOKEN_CACHE_MS = 5_000;

type Known = { actor: Actor; expiresAt: number };

/**
 * REST API tokens. A secret is 32 random bytes shown once; only its SHA-256 is kept (a slow
 * password hash buys nothing for a secret of that strength, and every request looks one up).
 */
export function createTokens(sql: Queryable) {
  const lastWritten = new Map<string, number>();
  // Keyed by the secret's hash, so that no secret stays in memory; unknown secrets are not kept.
  const known = new LRUCache<string, Known>({ max: 10_000, ttl: TOKEN_CACHE_MS });

  return {
    async create(actor: Actor, input: z.input<typeof newTokenSchema>): Promise<CreatedToken> {
      assertRole(actor, 'admin');
      const { name, role, expiresAt } = parseInput(newTokenSchema, input, 'body');
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw validationError('expiresAt must be in the future', [
          { path: 'expiresAt', message: 'in the past' },
        ]);
      }
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const [row] = await sql<Row[]>`
        insert into api_tokens (id, name, role, secret_hash, created_by, expires_at)
        values (${randomUUID()}, ${name}, ${role}, ${hashOf(token)}, ${actor.id},
          ${expiresAt?.toISOString() ?? null}::timestamptz)
        returning id, name, role, created_at, last_used_at, expires_at`;
      return { ...toInfo(row!), token };
    },

    /** Tokens not revoked, newest first; never their secrets. */
    async list(actor: Actor): Promise<TokenInfo[]> {
      assertRole(actor, 'admin');
      const rows = await sql<Row[]>`
        select id, name, role, created_at, last_used_at, expires_at from api_tokens
        where revoked_at is null order by created_at desc, id limit 1000`;
      return rows.map(toInfo);
    },

    /** Refused from the next request on here, and within TOKEN_CACHE_MS in other processes. */
    async revoke(actor: Actor, id: string): Promise<TokenInfo> {
      assertRole(actor, 'admin');
      const [row] = await sql<Row[]>`
        update api_tokens set revoked_at = clock_timestamp()
        where id::text = ${id} and revoked_at is null
        returning id, name, role, created_at, last_used_at, expires_at`;
      if (!row) throw notFound(`Token ${id} does not exist or was already revoked`);
      for (const [hash, entry] of known.entries())
        if (entry.actor.id === row.id) known.delete(hash);
      return toInfo(row);
    },

    /** The actor a bearer secret stands for, or null: unknown, revoked and expired alike. */
    async authenticate(secret: string): Promise<Actor | null> {
      const hash = hashOf(secret);
      const now = Date.now();
      const cached = known.get(hash);
      if (cached && cached.expiresAt > now) return cached.actor;
      const [row] = await sql<
        { id: string; name: string; role: Actor['role']; expires_at: Date | null }[]
      >`
        select id, name, role, expires_at from api_tokens
        where secret_hash = ${hash} and revoked_at is null
          and (expires_at is null or expires_at > clock_timestamp())`;
      if (!row) return null;
      const actor: Actor = { id: row.id, role: row.role, via: 'token', name: row.name };
      known.set(hash, { actor, expiresAt: row.expires_at?.getTime() ?? Infinity });
      if ((lastWritten.get(row.id) ?? 0) < now - LAST_USED_EVERY_MS) {
        lastWritten.set(row.id, now);
        // Not awaited: the request need not wait for its bookkeeping.
        sql`update api_tokens set last_used_at = clock_timestamp() where id = ${row.id}`.catch(() =>
          lastWritten.delete(row.id),
        );
      }
      return actor;
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
