import 'server-only';
import { assertRole, type Actor } from '../actor';
import type { Queryable } from '../event-store/context';
import { getStore } from '../runtime';

/**
 * SQL for the console's own reads of the public tables (lookups the store has no operation
 * for); like every store read, it needs the auditor role.
 */
export async function consoleSql(actor: Actor): Promise<Queryable> {
  assertRole(actor, 'auditor');
  return (await getStore()).context.sql;
}
