import type postgres from 'postgres';
import type { EventStore } from '../lib/event-store';
import type { NewEvent } from '../lib/event-store/types';
import type { Projection } from '../lib/projections/projection';
import { step } from '../lib/projections/runner';

const seeder = { id: 'seed', role: 'admin', via: 'system' } as const;

/** Appends `count` events spread over `streams` streams of a category, up to 500 a call. */
export async function seedEvents(
  store: EventStore,
  {
    category,
    streams,
    count,
    data = () => ({}),
  }: {
    category: string;
    streams: number;
    count: number;
    data?: (i: number) => Record<string, unknown>;
  },
) {
  let written = 0;
  while (written < count) {
    const stream = written % streams;
    const size = Math.min(500, count - written);
    const events: NewEvent[] = Array.from({ length: size }, (_, i) => ({
      type: (written + i) % 3 ? 'Measured' : 'Noted',
      data: data(written + i),
    }));
    await store.append({ actor: seeder, streamId: `${category}-${stream}`, events });
    written += size;
  }
}

/** Runs an async projection's runner until it has nothing left below the horizon. */
export async function catchUp(store: EventStore, projection: Projection, batchSize = 500) {
  for (let i = 0; i < 10_000; i++) {
    const result = await step(store.context, projection, { batchSize, backoffMs: () => 5 });
    if (result.outcome === 'idle' || result.outcome === 'stopped') return result;
    if (result.outcome === 'busy') await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${projection.name} did not catch up`);
}

/** Event counts per hour, category and type, as SQL counts them straight from the log. */
export async function countedFromLog(sql: postgres.Sql) {
  return sql`
    select date_trunc('hour', recorded_at, 'UTC') as hour, category, event_type, count(*)::bigint as events
    from events group by 1, 2, 3 order by 1, 2, 3`;
}

export async function eventStatsRows(sql: postgres.Sql) {
  return sql`select hour, category, event_type, events from event_stats_hourly order by 1, 2, 3`;
}
