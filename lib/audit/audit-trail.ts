import { outboxEntry } from '../event-store/append';
import type { EventStore } from '../event-store';
import type { AuditEvent } from './audit-event';

const MOVE_BATCH = 500;
/** Held by the one process moving the outbox at a time: no two movers race on a stream. */
const MOVE_LOCK = 7_301_202_612;

type Waiting = { entry: string; resolve: () => void; reject: (error: unknown) => void };

/**
 * The audit trail. An act that appends records its audit event in its own transaction (the
 * append's `audit`); any other is recorded here, in the outbox, before its answer is sent, with
 * concurrent records sharing one insert. Either way the event is prepared when it is recorded
 * (validated, canonical, content hash), so `move` is SQL alone: it appends the outbox's events,
 * oldest first, to the hash-chained `$audit-YYYY-MM-DD` streams and deletes them in the same
 * transaction; writers never wait for the lock of an audit stream.
 */
export function createAuditTrail({ store }: { store: EventStore }) {
  const ctx = store.context;
  const sql = ctx.sql;
  let queue: Waiting[] = [];
  let draining: Promise<void> | null = null;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await sql`
          insert into audit_outbox (stream_id, event)
          select e ->> 'streamId', e -> 'event'
          from jsonb_array_elements(${`[${batch.map((w) => w.entry).join(',')}]`}::jsonb) e`;
        batch.forEach((waiting) => waiting.resolve());
      } catch (error) {
        batch.forEach((waiting) => waiting.reject(error));
      }
    }
    draining = null;
  }

  // Async so that an event that cannot be prepared rejects, as a failed insert does.
  async function record(event: AuditEvent): Promise<void> {
    const entry = outboxEntry(ctx, event);
    return new Promise((resolve, reject) => {
      queue.push({ entry, resolve, reject });
      draining ??= drain();
    });
  }

  /** Moves one batch; answers how many events it moved (0 when another process is moving). */
  async function moveBatch(): Promise<number> {
    const moved = await ctx.db.$client.begin(async (tx) => {
      const [lock] = await tx<{ held: boolean }[]>`
        select pg_try_advisory_xact_lock(${MOVE_LOCK}) as held`;
      if (!lock?.held) return 0;
      const rows = await tx<{ r_status: string; moved: number }[]>`
        with batch as (
          delete from audit_outbox where id in (
            select id from audit_outbox order by id limit ${MOVE_BATCH})
          returning id, stream_id, event),
        streams as (
          select stream_id, jsonb_agg(event order by id) as events, count(*)::int as moved
          from batch group by stream_id)
        select a.r_status, s.moved
        from streams s cross join lateral chronicle_append(s.stream_id, -1, s.events) a`;
      const refused = rows.find((row) => row.r_status !== 'ok');
      // Rolls the delete back with the appends: the events stay in the outbox for the next move.
      if (refused)
        throw new Error(`moving audit events: chronicle_append answered ${refused.r_status}`);
      return rows.reduce((sum, row) => sum + row.moved, 0);
    });
    if (moved > 0) ctx.notifier.appended();
    return moved;
  }

  /** Moves the whole outbox into the audit streams; answers how many events it moved. */
  async function move(): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await moveBatch();
      moved += count;
      if (count < MOVE_BATCH) return moved;
    }
  }

  return {
    record,
    move,
    /** Waits for records in flight, then moves everything: tests and shutdown. */
    flush: async () => {
      await draining;
      return move();
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
