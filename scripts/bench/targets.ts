import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { connect } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { auditEvent } from '../../lib/audit/audit-event';
import { createAuditTrail } from '../../lib/audit/audit-trail';
import { createEventStore } from '../../lib/event-store';
import { rawAppend } from '../../lib/bench/raw-append';
import { EVENT_COLUMNS } from '../../lib/event-store/rows';
import type { BenchEvent } from './payload';

export type Expected = number | 'any';

/** What a workload does to a store, through a pool of `max` connections. */
export type Session = {
  /** Resolves to the stream's new version; rejects on a version conflict. */
  append(streamId: string, expected: Expected, events: BenchEvent[]): Promise<number>;
  /** Resolves to the number of events read. */
  readStream(streamId: string, limit: number): Promise<number>;
  readAllPage(after: number, limit: number): Promise<{ count: number; lastPosition: number }>;
  /** The highest global position written so far. */
  headPosition(): Promise<number>;
  /** Figures of work left after the timed run (moving the audit outbox). */
  afterRun?(): Promise<Record<string, number>>;
  close(): Promise<void>;
};

export type Target = { name: 'ours' | 'raw' | 'audited'; open(url: string, max: number): Session };

export const actor: Actor = { id: 'bench', role: 'admin', via: 'system' };

const headPosition = async (sql: postgres.Sql, table: string) => {
  const [row] = await sql<{ head: number }[]>`
    select coalesce(max(global_position), 0)::bigint as head from ${sql(table)}`;
  return row?.head ?? 0;
};

/** The event store as the app uses it: validation, hash chain, gap-safe positions. */
export const ours: Target = { name: 'ours', open: (url, max) => openStore(url, max, false) };

/**
 * Ours as the REST API appends: each append with its audit event, written in the same call.
 * Moving the outbox into the $audit streams is the server's background work: timed apart,
 * after the run, as events moved per second.
 */
export const audited: Target = { name: 'audited', open: (url, max) => openStore(url, max, true) };

const request = { requestId: randomUUID(), clientAddress: '203.0.113.1' };

function openStore(url: string, max: number, withAudit: boolean): Session {
  const db = connect({ url, max, applicationName: 'chronicle-bench' });
  const store = createEventStore({ db });
  const trail = createAuditTrail({ store });
  return {
    append: async (streamId, expectedVersion, events) => {
      const audit = withAudit
        ? auditEvent({ actor, request }, 'StreamAppend', 'succeeded', streamId, {
            events: events.length,
          })
        : undefined;
      return (await store.append({ actor, streamId, expectedVersion, events, audit })).toVersion;
    },
    readStream: async (streamId, limit) =>
      (await store.readStream({ actor, streamId, limit })).events.length,
    readAllPage: async (after, limit) => {
      const page = await store.readAll({ actor, after, limit });
      return { count: page.events.length, lastPosition: page.lastPosition };
    },
    headPosition: () => headPosition(db.$client, 'events'),
    afterRun: withAudit
      ? async () => {
          const started = performance.now();
          const moved = await trail.move();
          return { auditMovedPerSec: moved / ((performance.now() - started) / 1000) };
        }
      : undefined,
    close: () => db.$client.end({ timeout: 5 }),
  };
}

/**
 * The floor to compare with: the same table shape without triggers, one plain statement per
 * append (no hash chain, positions from a plain sequence), plain SELECTs for reads. Same driver
 * settings as ours, so type parsing costs the same.
 */
export const raw: Target = {
  name: 'raw',
  open(url, max) {
    const sql = connect({ url, max, applicationName: 'chronicle-bench' }).$client;
    return {
      append: (streamId, expected, events) => rawAppend(sql, streamId, expected, events, actor.id),
      readStream: async (streamId, limit) => {
        const rows = await sql`
          select ${sql.unsafe(EVENT_COLUMNS)} from raw_events
          where stream_id = ${streamId} and stream_version >= 1
          order by stream_version limit ${limit}`;
        return rows.length;
      },
      readAllPage: async (after, limit) => {
        const rows = await sql<{ global_position: number }[]>`
          select ${sql.unsafe(EVENT_COLUMNS)} from raw_events
          where global_position > ${after}
          order by global_position limit ${limit}`;
        return { count: rows.length, lastPosition: rows.at(-1)?.global_position ?? after };
      },
      headPosition: () => headPosition(sql, 'raw_events'),
      close: () => sql.end({ timeout: 5 }),
    };
  },
};
