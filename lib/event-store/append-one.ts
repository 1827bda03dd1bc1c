import type postgres from 'postgres';
import { GENESIS_HASH } from './hash';
import type { PreparedEvent } from './idempotency';

export type AppendOneRow = { r_version: number; r_first_position: number };

/**
 * A single event appended outside a transaction, in one prepared statement: the write that
 * bumps the stream's version also moves its head (hash, the hash before it, position), and
 * returns what the event row needs. chronicle_append does the same work in PL/pgSQL with a
 * lookup of the previous event; this is about two thirds of its server time.
 *
 * The head must live on `streams`: the statement's snapshot is taken before it waits for the
 * stream (advisory lock or row lock), so a lookup in `events` would miss the event of a writer
 * that committed meanwhile; the row's update, by contrast, always acts on its latest version.
 *
 * No row back means the expected version did not hold (it never does for "any").
 */
export async function appendOne(
  sql: postgres.TransactionSql,
  streamId: string,
  category: string,
  expected: number,
  event: PreparedEvent,
  auditEntry: string | null,
): Promise<AppendOneRow | undefined> {
  const occurredMs = event.occurredAt?.getTime() ?? null;
  /** The stream's head moved past `s`'s, on the stream's time `now`. */
  const moveHead = (now: postgres.PendingQuery<postgres.Row[]>) => sql`
    version = s.version + 1,
    updated_at = greatest(s.updated_at, ${now}),
    head_prev = s.head_hash,
    head_hash = chronicle_link_hash(s.head_hash, s.version + 1,
      coalesce(${occurredMs}::bigint, chronicle_ms(greatest(s.updated_at, ${now}))),
      chronicle_ms(greatest(s.updated_at, ${now})), ${event.contentHash}),
    head_position = case when chronicle_xact_position() > coalesce(s.head_position, -1)
      then chronicle_xact_position() else chronicle_out_of_order(s.stream_id) end`;
  const returning = sql`returning s.version, s.updated_at, s.head_prev, s.head_hash, s.head_position`;
  // The stream's turn ("CHAP", as chronicle_append takes it) before the write gives this
  // transaction its xid, so that positions follow versions.
  const turn = sql`select pg_advisory_xact_lock(x'43484150'::int, hashtext(${streamId}))`;
  const newStream = sql`
    insert into streams as s (stream_id, category, version, created_at, updated_at, head_prev,
      head_hash, head_position)
    select ${streamId}, ${category}, 1, t.now, t.now, ${GENESIS_HASH},
      chronicle_link_hash(${GENESIS_HASH}, 1, coalesce(${occurredMs}::bigint, chronicle_ms(t.now)),
        chronicle_ms(t.now), ${event.contentHash}),
      chronicle_xact_position()`;
  const now = (afterTurn: boolean) =>
    sql`t as (select date_trunc('milliseconds', clock_timestamp()) as now
      ${afterTurn ? sql`from (${turn}) l` : sql``})`;
  const head =
    expected === -1
      ? sql`${now(true)},
        h as (${newStream} from t
          on conflict (stream_id) do update set ${moveHead(sql`excluded.updated_at`)}
          ${returning})`
      : expected === 0
        ? sql`${now(false)},
        h as (${newStream} from t on conflict (stream_id) do nothing ${returning})`
        : sql`${now(expected === -2)},
        h as (update streams as s set ${moveHead(sql`t.now`)} from t
          where s.stream_id = ${streamId}${expected > 0 ? sql` and s.version = ${expected}` : sql``}
          ${returning})`;
  const audit = auditEntry
    ? sql`, a as (
        insert into audit_outbox (stream_id, event)
        select x.e ->> 'streamId', x.e -> 'event' from h, (select ${auditEntry}::jsonb as e) x)`
    : sql``;
  const [row] = await sql<AppendOneRow[]>`
    with ${head}${audit}
    insert into events (global_position, stream_id, category, stream_version, event_id,
      event_type, schema_version, data, metadata, occurred_at, recorded_at, transaction_id,
      prev_hash, hash)
    select h.head_position, ${streamId}, ${category}, h.version, ${event.eventId}::uuid,
      ${event.type}, ${event.schemaVersion}::int, ${event.dataJson}::jsonb,
      ${event.metadataJson}::jsonb, coalesce(${event.occurredAt?.toISOString() ?? null}::timestamptz, h.updated_at),
      h.updated_at, pg_current_xact_id(), h.head_prev, h.head_hash
    from h
    returning stream_version as r_version, global_position as r_first_position`;
  return row;
}
