import { randomBytes } from 'node:crypto';
import type { Queryable } from '../event-store/context';

/**
 * The secret that signs session cookies: CHRONICLE_AUTH_SECRET when set, otherwise one made on
 * first start and kept in the database, so that every process of a deployment shares it and
 * sessions survive restarts without anyone having to make one.
 */
export async function authSecret(sql: Queryable, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await sql`
    insert into settings (name, value) values ('auth_secret', ${randomBytes(32).toString('base64url')})
    on conflict (name) do nothing`;
  const [row] = await sql<
    { value: string }[]
  >`select value from settings where name = 'auth_secret'`;
  if (!row) throw new Error('The auth secret could not be stored');
  return row.value;
}
