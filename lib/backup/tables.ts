import type postgres from 'postgres';

/**
 * Tables a backup leaves out: sign-in attempt counters, and sessions and one-time sign-in
 * tokens, which would let whoever holds a backup act as a signed-in user. People sign in again
 * after a restore; accounts, API tokens (stored as hashes) and settings are kept.
 */
export const LEFT_OUT = ['rate_limits', 'auth_sessions', 'auth_verifications'];

export type BackupTable = { name: string; columns: string[] };

/**
 * Every table of the application's schema, with the columns a COPY can write (not generated
 * ones), referenced tables before the tables that reference them, so that a restore loads them
 * in this order. Read models and projection checkpoints are included: a restored store answers
 * exactly as the source did at the backup, and projections carry on from their checkpoints.
 */
export async function backupTables(
  sql: postgres.Sql | postgres.TransactionSql,
): Promise<BackupTable[]> {
  const tables = await sql<{ name: string; columns: string[] }[]>`
    select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> all(${LEFT_OUT})
    group by c.relname
    order by c.relname`;
  const references = await sql<{ child: string; parent: string }[]>`
    select child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid`;
  const parents = new Map<string, string[]>();
  for (const { child, parent } of references) {
    parents.set(child, [...(parents.get(child) ?? []), parent]);
  }
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const byName = new Map(tables.map((table) => [table.name, table]));
  const place = (name: string) => {
    if (placed.has(name)) return;
    placed.add(name);
    for (const parent of parents.get(name) ?? []) place(parent);
    const table = byName.get(name);
    if (table) ordered.push({ name: table.name, columns: [...table.columns] });
  };
  for (const table of tables) place(table.name);
  return ordered;
}

/** A quoted identifier, for the names the catalog gave us. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const columnList = (columns: readonly string[]) => columns.map(ident).join(', ');
