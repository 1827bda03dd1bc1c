import type { Queryable } from '../event-store/context';
import { shadowName, type Projection } from './projection';

/** Empty copies of a projection's live tables (columns, defaults, constraints, indexes). */
export async function createShadows(sql: Queryable, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    await sql`drop table if exists ${sql(shadowName(table))}`;
    await sql`create table ${sql(shadowName(table))} (like ${sql(table)} including all)`;
  }
}

export async function dropShadows(sql: Queryable, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    await sql`drop table if exists ${sql(shadowName(table))}`;
  }
}

/**
 * Puts each shadow in its live table's place, under the caller's transaction: readers wait on
 * the lock for the moment of the swap and then read the new table, never an empty one. The
 * shadow's indexes take the live ones' names, so migrations can go on naming them.
 */
export async function swapInShadows(sql: Queryable, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    const liveNames = new Map(
      (await indexesOf(sql, table)).map((index) => [index.shape, index.name]),
    );
    await sql`drop table ${sql(table)}`;
    await sql`alter table ${sql(shadowName(table))} rename to ${sql(table)}`;
    for (const index of await indexesOf(sql, table)) {
      const name = liveNames.get(index.shape);
      if (name && name !== index.name) {
        await sql`alter index ${sql(index.name)} rename to ${sql(name)}`;
      }
    }
  }
}

/** A table's indexes, each with its definition less its own and its table's names. */
async function indexesOf(sql: Queryable, table: string) {
  return sql<{ name: string; shape: string }[]>`
    select c.relname as name,
      regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', '\\1')
        as shape
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass`;
}
