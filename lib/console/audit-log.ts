import { assertRole, type Actor } from '../actor';
import { AUDIT_CATEGORY, type AuditData } from '../audit/audit-event';
import type { Queryable } from '../event-store/context';
import { isoText } from '../event-store/rows';
import type { AuditLogFilters } from './filters';

/** One audit event as the Audit page lists it. */
export type AuditEntry = {
  position: number;
  streamId: string;
  version: number;
  action: string;
  /** When the act happened; recorded a moment later, when the trail took it in. */
  occurredAt: string;
  recordedAt: string;
  data: AuditData;
};

export type AuditPage = {
  entries: AuditEntry[];
  /** The `before` of the next (older) page, or null when this one reaches the oldest match. */
  nextBefore: number | null;
  /** The `after` of the previous (newer) page, or null on the newest. */
  previousAfter: number | null;
};

type Row = {
  global_position: number;
  stream_id: string;
  stream_version: number;
  event_type: string;
  data: AuditData;
  occurred_at: string;
  recorded_at: string;
};

/** `%` and `_` typed into a search match themselves, not any text. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The audit trail newest first, filtered by what auditors ask of it: which acts, by whom (an
 * actor's id, or part of their name), on what (a target's beginning), with what outcome, and
 * when. The store's log reads filter by event fields only; these look into the audit events'
 * data, within the `$audit` category (its own index), one page at a time.
 */
export async function readAuditLog(
  sql: Queryable,
  { actor, filters }: { actor: Actor; filters: AuditLogFilters },
): Promise<AuditPage> {
  assertRole(actor, 'auditor');
  const { action, actor: who, target, outcome, from, to, before, after, limit } = filters;
  // A Previous link reads the newer acts oldest first from its `after`, then turns them round.
  const back = after !== undefined && before === undefined;
  const rows = await sql<Row[]>`
    select global_position, stream_id, stream_version, event_type, data,
      ${sql.unsafe(isoText('occurred_at'))}, ${sql.unsafe(isoText('recorded_at'))}
    from events
    where category = ${AUDIT_CATEGORY}
      ${before === undefined ? sql`` : sql`and global_position < ${before}`}
      ${back ? sql`and global_position > ${after}` : sql``}
      ${action?.length ? sql`and event_type = any(${action})` : sql``}
      ${
        who
          ? sql`and (data -> 'actor' ->> 'id' = ${who}
              or data -> 'actor' ->> 'name' ilike ${likeText(who)})`
          : sql``
      }
      ${target ? sql`and starts_with(data ->> 'target', ${target})` : sql``}
      ${outcome ? sql`and data ->> 'outcome' = ${outcome}` : sql``}
      ${from ? sql`and occurred_at >= ${from.toISOString()}::timestamptz` : sql``}
      ${to ? sql`and occurred_at < ${to.toISOString()}::timestamptz` : sql``}
    order by global_position ${back ? sql`asc` : sql`desc`}
    limit ${limit + 1}`;
  const more = rows.length > limit;
  const kept = back ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const entries = kept.map((row) => ({
    position: row.global_position,
    streamId: row.stream_id,
    version: row.stream_version,
    action: row.event_type,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    data: row.data,
  }));
  const first = entries[0]?.position ?? null;
  const last = entries.at(-1)?.position ?? null;
  return {
    entries,
    nextBefore: back || more ? last : null,
    previousAfter: (back ? more : before !== undefined) ? first : null,
  };
}
