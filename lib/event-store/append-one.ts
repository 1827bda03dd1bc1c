import type postgres from 'postgres';
import { GENESIS_HASH } from './hash';
import type { PreparedEvent } from './idempotency';
import { NOTIFY_SQL } from './notifier';

export type AppendOneRow = { r_version: number; r_first_position: number };

/**
 * A single event appended outside a transaction, in one prepared statement: the write that
 * bumps the stream's version also moves its head (hash, the hash before it, position), and
 * returns what the event row needs. chronicle_append does the same work in PL/pgSQL with a
 * lookup of the previous event, at about 1.4 times the server time.
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
  notify: boolean,
): Promise<AppendOneRow | undefined> {
  const kind: Kind =
    expected > 0 ? 'version' : expected === 0 ? 'new' : expected === -1 ? 'any' : 'exists';
  const parameters: (string | number | null)[] = [
    streamId,
    category,
    event.contentHash,
    event.occurredAt?.getTime() ?? null,
    event.eventId,
    event.type,
    event.schemaVersion,
    event.dataJson,
    event.metadataJson,
    event.occurredAt?.toISOString() ?? null,
  ];
  if (kind === 'version') parameters.push(expected);
  if (auditEntry !== null) parameters.push(auditEntry);
  // Built once per shape: a tagged template with fragments would make a dozen query objects
  // per append, which cost more in Node than this statement saves in the database.
  const text = statementOf(kind, auditEntry !== null, notify);
  const [row] = await sql.unsafe<AppendOneRow[]>(text, parameters, { prepare: true });
  return row;
}

/** How the expected version is checked: none ("any"), exists, a version, or a new stream. */
type Kind = 'any' | 'exists' | 'version' | 'new';

const statements = new Map<string, string>();

function statementOf(kind: Kind, audited: boolean, notify: boolean): string {
  const key = `${kind}:${audited}:${notify}`;
  let text = statements.get(key);
  if (!text) statements.set(key, (text = buildStatement(kind, audited, notify)));
  return text;
}

/**
 * Parameters: $1 stream id, $2 category, $3 content hash, $4 occurredAt in ms (or null),
 * $5 event id, $6 type, $7 schema version, $8 data, $9 metadata, $10 occurredAt (or null),
 * then the expected version (kind 'version'), then the audit entry (when audited).
 */
function buildStatement(kind: Kind, audited: boolean, notify: boolean): string {
  const versionParam = '$11';
  const auditParam = kind === 'version' ? '$12' : '$11';
  const genesis = `'${GENESIS_HASH}'`;
  /** The head moved past `s`'s on the stream's clock `now`, which never goes back. */
  const moveHead = (now: string) => {
    const at = `greatest(s.updated_at, ${now})`;
    return `version = s.version + 1, updated_at = ${at}, head_prev = s.head_hash,
      head_hash = chronicle_link_hash(s.head_hash, s.version + 1,
        coalesce($4::bigint, chronicle_ms(${at})), chronicle_ms(${at}), $3),
      head_position = case when chronicle_xact_position() > coalesce(s.head_position, -1)
        then chronicle_xact_position() else chronicle_out_of_order(s.stream_id) end`;
  };
  const returning = 'returning s.version, s.updated_at, s.head_prev, s.head_hash, s.head_position';
  // The stream's turn ("CHAP", as chronicle_append takes it) before the write gives the
  // transaction its xid, so that positions follow versions.
  const clock = (turn: boolean) =>
    `t as (select date_trunc('milliseconds', clock_timestamp()) as now
      ${turn ? `from (select pg_advisory_xact_lock(x'43484150'::int, hashtext($1))) l` : ''})`;
  const newStream = `insert into streams as s (stream_id, category, version, created_at,
      updated_at, head_prev, head_hash, head_position)
    select $1, $2, 1, t.now, t.now, ${genesis},
      chronicle_link_hash(${genesis}, 1, coalesce($4::bigint, chronicle_ms(t.now)),
        chronicle_ms(t.now), $3),
      chronicle_xact_position()
    from t`;
  const head = {
    any: `${clock(true)}, h as (${newStream}
      on conflict (stream_id) do update set ${moveHead('excluded.updated_at')} ${returning})`,
    new: `${clock(false)}, h as (${newStream} on conflict (stream_id) do nothing ${returning})`,
    exists: `${clock(true)}, h as (update streams as s set ${moveHead('t.now')} from t
      where s.stream_id = $1 ${returning})`,
    version: `${clock(false)}, h as (update streams as s set ${moveHead('t.now')} from t
      where s.stream_id = $1 and s.version = ${versionParam}::bigint ${returning})`,
  }[kind];
  const audit = audited
    ? `, a as (insert into audit_outbox (stream_id, event)
        select x.e ->> 'streamId', x.e -> 'event' from h, (select ${auditParam}::jsonb as e) x)`
    : '';
  return `with ${head}${audit}
    insert into events (global_position, stream_id, category, stream_version, event_id,
      event_type, schema_version, data, metadata, occurred_at, recorded_at, transaction_id,
      prev_hash, hash)
    select h.head_position, $1, $2, h.version, $5::uuid, $6, $7::int, $8::jsonb, $9::jsonb,
      coalesce($10::timestamptz, h.updated_at), h.updated_at, pg_current_xact_id(),
      h.head_prev, h.head_hash
    from h
    returning stream_version as r_version, global_position as r_first_position
      ${notify ? `, ${NOTIFY_SQL}` : ''}`;
}
