import type { Queryable } from '../event-store/context';

/** The advisory-lock class of projections; the key is the hash of the projection's name. */
const PROJECTION_LOCKS = 0x43_48_50_52;

/**
 * Whoever holds it advances the projection: its runner for a batch, a retry, the swap of a
 * rebuild. Transaction-scoped, so a crashed holder's lock ends with its connection.
 */
export async function tryLockProjection(sql: Queryable, name: string): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }[]>`
    select pg_try_advisory_xact_lock(${PROJECTION_LOCKS}, hashtext(${name})) as locked`;
  return row!.locked;
}

export async function lockProjection(sql: Queryable, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${PROJECTION_LOCKS}, hashtext(${name}))`;
}
