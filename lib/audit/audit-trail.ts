import { systemActor } from '../actor';
import type { EventStore } from '../event-store';
import type { Queryable } from '../event-store/context';
import { auditStreamOf, type AuditEvent } from './audit-event';

const MOVE_BATCH = 500;

type Waiting = { event: AuditEvent; resolve: () => void; reject: (error: unknown) => void };

/**
 * The audit trail. An act that appends records its audit event in its own transaction (the
 * append's `audit`); any other is recorded here, in the outbox, before its answer is sent, with
 * concurrent records sharing one insert. `move` then appends the outbox's events, oldest first,
 * to the hash-chained `$audit-YYYY-MM-DD` streams in batches, deleting them in the same
 * transaction, so that no writer ever waits for the lock of one audit stream.
 */
export function createAuditTrail({ store }: { store: EventStore }) {
  const sql = store.context.sql;
  let queue: Waiting[] = [];
  let draining: Promise<void> | null = null;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await insert(
          sql,
          batch.map((waiting) => waiting.event),
        );
        batch.forEach((waiting) => waiting.resolve());
      } catch (error) {
        batch.forEach((waiting) => waiting.reject(error));
      }
    }
    draining = null;
  }

  function record(event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      queue.push({ event, resolve, reject });
      draining ??= drain();
    });
  }

  /** Moves the outbox into the audit streams; answers how many events it moved. */
  async function move(): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await store.transact(async (tx) => {
        const rows = await tx.sql<{ id: number; event: AuditEvent }[]>`
          with batch as (
            select id from audit_outbox order by id limit ${MOVE_BATCH} for update skip locked)
          delete from audit_outbox o using batch where o.id = batch.id
          returning o.id, o.event`;
        const byStream = new Map<string, AuditEvent[]>();
        for (const { event } of rows.sort((a, b) => a.id - b.id)) {
          const streamId = auditStreamOf(event.occurredAt);
          byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
        }
        for (const [streamId, events] of byStream) {
          await tx.append({
            actor: systemActor,
            streamId,
            systemStream: true,
            events: events.map(({ type, occurredAt, data }) => ({
              type,
              data,
              occurredAt: new Date(occurredAt),
            })),
          });
        }
        return rows.length;
      });
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

function insert(sql: Queryable, events: AuditEvent[]) {
  return sql`
    insert into audit_outbox (event)
    select value from jsonb_array_elements(${JSON.stringify(events)}::jsonb)`;
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
