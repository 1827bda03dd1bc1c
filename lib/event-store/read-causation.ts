import { assertRole } from '../actor';
import type { Queryable, StoreContext } from './context';
import { openRows } from './open-rows';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';
import { visibleEventSql } from '../retention/visible';

/** How far up the chain is followed, and down each branch of what an event caused. */
export const CAUSATION_DEPTH = 50;
/** At most this many events it caused, over all branches. */
export const CAUSED_MAX = 500;

export type CausedEvent = RecordedEvent & { depth: number };

export type Causation = {
  /** What led to the event: its cause first, then the cause's cause, … up to the root. */
  causes: RecordedEvent[];
  /** What the event caused, directly (depth 1) and through them, in `$all` order. */
  caused: CausedEvent[];
  /** The chain up stopped at the depth cap, not at a root. */
  causesCapped: boolean;
  /** Depth or count cap reached below: there may be more. */
  causedCapped: boolean;
};

const UUID_TEXT = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** The chain up from an event, nearest cause first (apart, so that tests can explain it). */
export const causesQuery = (sql: Queryable, eventId: string) => sql<
  (EventRow & { depth: number })[]
>`
    with recursive chain (event_id, causation_id, depth, seen) as (
      select event_id, metadata ->> 'causationId', 0, array[event_id]
      from events where event_id = ${eventId}
      union all
      select p.event_id, p.metadata ->> 'causationId', c.depth + 1, c.seen || p.event_id
      from chain c join events p on p.event_id =
        (case when c.causation_id ~ ${UUID_TEXT} then c.causation_id::uuid end)
      where c.depth < ${CAUSATION_DEPTH} and not p.event_id = any(c.seen)
    )
    select ${sql.unsafe(EVENT_COLUMNS)}, depth from chain join events using (event_id)
    where depth > 0 and ${visibleEventSql(sql)} order by depth`;

/**
 * What an event caused, through every branch, in `$all` order. The lateral subqueries (kept
 * apart by their limits) make each step a lookup in an index, the causation id's and then the
 * event id's, however common the planner thinks a causation id is.
 */
export const causedQuery = (sql: Queryable, eventId: string) => sql<
  (EventRow & { depth: number })[]
>`
    with recursive tree (event_id, depth, seen) as (
      select event_id, 0, array[event_id] from events where event_id = ${eventId}
      union all
      select c.event_id, t.depth + 1, t.seen || c.event_id
      from tree t cross join lateral (
        select event_id from events
        where metadata ->> 'causationId' = t.event_id::text
        limit ${CAUSED_MAX + 1}
      ) c
      where t.depth < ${CAUSATION_DEPTH} and not c.event_id = any(t.seen)
    ),
    found as (select event_id, min(depth) as depth from (
      select event_id, depth from tree where depth > 0 limit ${CAUSED_MAX + 1}
    ) limited group by event_id)
    select e.*, f.depth from found f cross join lateral (
      select ${sql.unsafe(EVENT_COLUMNS)} from events
      where event_id = f.event_id and ${visibleEventSql(sql)} limit 1
    ) e
    order by e.global_position`;

/**
 * Follows `metadata.causationId` (the eventId of the causing event) up from an event until an
 * id is not found, and down to the events naming it, recursively. Both walks use indexes (the
 * unique event id, the causation id expression) and keep the ids seen, so a cycle in hand-made
 * metadata ends instead of looping.
 */
export async function readCausation(
  ctx: StoreContext,
  { actor, eventId }: WithActor<{ eventId: string }>,
): Promise<Causation> {
  assertRole(actor, 'auditor');
  const sql = ctx.sql;
  const [up, down] = await Promise.all([causesQuery(sql, eventId), causedQuery(sql, eventId)]);
  const last = up.at(-1);
  const shown = down.slice(0, CAUSED_MAX);
  const caused = await openRows(ctx, shown);
  return {
    causes: await openRows(ctx, up),
    caused: caused.map((event, i) => ({ ...event, depth: shown[i]!.depth })),
    causesCapped: last?.depth === CAUSATION_DEPTH && typeof last.metadata.causationId === 'string',
    causedCapped: down.length > CAUSED_MAX || down.some((row) => row.depth === CAUSATION_DEPTH),
  };
}
