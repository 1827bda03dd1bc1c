import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { GENESIS_HASH } from '../event-store/hash';

/**
 * The floor the benchmark compares Chronicle with: one plain statement per append into tables of
 * the same shape without triggers (`raw_streams`, `raw_events`, made by the benchmark only), no
 * hash chain, positions from a plain sequence. Used by the store suite and by both HTTP floors
 * (a bare route handler in the app and a bare node:http server), so all compare the same SQL.
 */
/** Tables and sequence the floor writes to; created next to the migrated schema. */
export const RAW_SCHEMA = `
  create table raw_streams (like streams including all);
  create table raw_events (like events including all);
  create sequence raw_events_position_seq;`;

export type RawExpected = number | 'any';

export type RawEvent = { eventId?: string; type: string; data: unknown; metadata?: unknown };

export async function rawAppend(
  sql: postgres.Sql,
  streamId: string,
  expected: RawExpected,
  events: RawEvent[],
  actorId: string,
): Promise<number> {
  const count = events.length;
  // The same stored content as Chronicle's: an event id and the actor in the metadata.
  const payload = JSON.stringify(
    events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      data: e.data,
      metadata: { ...(e.metadata as object | undefined), actor: actorId },
    })),
  );
  const [row] = await sql<{ version: number }[]>`
    with s as (${streamWrite(sql, streamId, expected, count)}),
    e as (
      insert into raw_events (global_position, stream_id, category, stream_version, event_id,
        event_type, schema_version, data, metadata, occurred_at, recorded_at, transaction_id,
        prev_hash, hash)
      select nextval('raw_events_position_seq'), ${streamId}, split_part(${streamId}, '-', 1),
        s.version - ${count} + x.ord, (x.e ->> 'eventId')::uuid, x.e ->> 'type', 1,
        x.e -> 'data', x.e -> 'metadata', now(), now(), pg_current_xact_id(),
        ${GENESIS_HASH}, ${GENESIS_HASH}
      from s, jsonb_array_elements(${payload}::jsonb) with ordinality as x(e, ord)
    )
    select version from s`;
  if (!row) throw new Error(`raw append to ${streamId}: version conflict`);
  return row.version;
}

/** The one write to raw_streams that checks and bumps the version for an append of `count`. */
function streamWrite(sql: postgres.Sql, streamId: string, expected: RawExpected, count: number) {
  const insert = sql`
    insert into raw_streams (stream_id, category, version, created_at, updated_at)
    values (${streamId}, split_part(${streamId}, '-', 1), ${count}, now(), now())`;
  if (expected === 'any') {
    return sql`${insert} on conflict (stream_id) do update
      set version = raw_streams.version + excluded.version, updated_at = excluded.updated_at
      returning version`;
  }
  if (expected === 0) return sql`${insert} on conflict (stream_id) do nothing returning version`;
  return sql`
    update raw_streams set version = version + ${count}, updated_at = now()
    where stream_id = ${streamId} and version = ${expected}
    returning version`;
}

/** A stream's row as the floors read it: the raw counterpart of GET /streams/{id}. */
export async function rawStream(sql: postgres.Sql, streamId: string) {
  const [row] = await sql<
    { streamId: string; category: string; version: number; createdAt: Date; updatedAt: Date }[]
  >`
    select stream_id as "streamId", category, version, created_at as "createdAt",
      updated_at as "updatedAt"
    from raw_streams where stream_id = ${streamId}`;
  return row ?? null;
}
