import 'server-only';
import type { Actor } from '../actor';
import { registry } from '../event-types';
import { consoleSql } from './read-sql';

/** Types offered together: a registered category's, or the others the log holds. */
export type EventTypeGroup = { label: string; types: string[] };

const REGISTERED = registry.definitions();

/** Enough for any real store; a log with more distinct types is not browsed by picking them. */
const MAX_TYPES = 1000;

/**
 * The event types the console offers as filters: the registered ones by category, then the
 * others found in the log. `select distinct` would read every event; this walks the index on
 * (event_type, global_position) instead, one probe per distinct type (a loose index scan).
 */
export async function eventTypeOptions(actor: Actor): Promise<EventTypeGroup[]> {
  const sql = await consoleSql(actor);
  const rows = await sql<{ event_type: string }[]>`
    with recursive found as (
      (select event_type from events order by event_type limit 1)
      union all
      select (select e.event_type from events e where e.event_type > found.event_type
              order by e.event_type limit 1)
      from found where found.event_type is not null
    )
    select event_type from found where event_type is not null limit ${MAX_TYPES}`;
  const registered = new Set(REGISTERED.map((definition) => definition.type));
  const categories = [...new Set(REGISTERED.map((definition) => definition.category))];
  return [
    ...categories.map((category) => ({
      label: category,
      types: REGISTERED.filter((d) => d.category === category).map((d) => d.type),
    })),
    {
      label: 'other types in the log',
      types: rows.map((row) => row.event_type).filter((type) => !registered.has(type)),
    },
  ].filter((group) => group.types.length > 0);
}
