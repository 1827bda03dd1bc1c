import { categoryOf } from '../event-store/stream-id';
import type { Projection } from './projection';

/** Events recorded per hour (UTC), category and type: it reads every event of the log. */
export const eventStats: Projection = {
  name: 'event-stats',
  version: 1,
  kind: 'async',
  description: 'Events per hour, category and type, for the dashboard',
  tables: ['event_stats_hourly'],
  policy: 'stop',
  maxAttempts: 3,
  apply: async (sql, events, tables) => {
    if (!events.length) return;
    const rows = events.map((event) => ({
      hour: `${event.recordedAt.slice(0, 13)}:00:00Z`,
      category: categoryOf(event.streamId),
      type: event.type,
    }));
    await sql`
      insert into ${sql(tables.event_stats_hourly!)} as t (hour, category, event_type, events)
      select c.hour, c.category, c.type, count(*)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as c(hour timestamptz, category text, type text)
      group by c.hour, c.category, c.type
      on conflict (hour, category, event_type) do update set events = t.events + excluded.events`;
  },
};
