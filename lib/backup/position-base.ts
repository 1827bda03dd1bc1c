import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;

const SLOT = 1024;

/** The smallest multiple of 1024 above `position`: the base a restore of a log up to it needs. */
export const baseAbove = (position: number) => (Math.floor(position / SLOT) + 1) * SLOT;

export async function currentPositionBase(sql: Sql): Promise<number> {
  const [row] = await sql<{ base: string }[]>`select chronicle_position_base()::text as base`;
  return Number(row!.base);
}

/**
 * Re-creates chronicle_position_base() (drizzle/0011) so that every position taken from now on,
 * and every horizon, lies at or above `base`. Never lowers it: positions only grow.
 */
export async function raisePositionBase(sql: Sql, base: number): Promise<number> {
  if (!Number.isSafeInteger(base) || base < 0 || base % SLOT !== 0) {
    throw new Error(`a position base must be a multiple of ${SLOT} ≥ 0, not ${base}`);
  }
  const current = await currentPositionBase(sql);
  if (base <= current) return current;
  await sql.unsafe(`create or replace function chronicle_position_base() returns bigint
    language sql immutable parallel safe as $$ select ${base}::bigint $$`);
  return base;
}

/**
 * The highest position the database itself names: events, and what readers stored of the log
 * (projection checkpoints, digests, subjects' last positions).
 */
export async function highestKnownPosition(sql: Sql): Promise<number> {
  const [row] = await sql<{ position: string }[]>`
    select greatest(
      (select max(global_position) from events),
      (select max(position) from projections),
      (select max(position) from digests),
      (select max(last_position) from subject_streams),
      0)::text as position`;
  return Number(row!.position);
}

/**
 * After a logical restore by other means (pg_dump / pg_restore into another cluster): lifts the
 * position base above every position the database holds, and above `atLeast` (for followers
 * outside it, such as a checkpoint a client stored). Answers the base in force.
 */
export async function rebasePositions(sql: Sql, atLeast = 0): Promise<number> {
  const highest = Math.max(await highestKnownPosition(sql), atLeast);
  return raisePositionBase(sql, baseAbove(highest));
}
