import type { Actor } from '../actor';
import { agentAggregate } from '../domain/agent';
import { workflowAggregate } from '../domain/workflow';
import type { Repository } from '../aggregates/repository';
import type { Queryable } from '../event-store/context';
import { MAX_EVENTS_PER_APPEND } from '../event-store/append';
import { ChronicleError } from '../errors';
import type { ImportPlan, PlannedStream, Refusal } from './plan-types';

export type WriteProgress = { events: number; totalEvents: number };

export type Written = {
  /** Events appended by this run. */
  written: number;
  /** Planned events already in the store (an earlier run wrote them). */
  existing: number;
  /** Streams this run created. */
  newStreams: number;
  /** Streams whose stored events are not the plan's own start: nothing was written to them. */
  conflicts: Refusal[];
};

/** Streams written side by side: each is its own transaction, and they share no rows. */
const CONCURRENCY = 4;

/**
 * Writes the plan through the repository, so each stream's events are checked against its
 * aggregate and its inline read models are kept. Ids make it idempotent: a stream whose planned
 * events are all stored is skipped, and one that holds the plan's first events only (a run that
 * stopped half-way) gets the rest.
 */
export async function writePlan({
  sql,
  repository,
  actor,
  plan,
  onProgress,
}: {
  sql: Queryable;
  repository: Repository;
  actor: Actor;
  plan: ImportPlan;
  onProgress?: (progress: WriteProgress) => void;
}): Promise<Written> {
  const ids = plan.streams.flatMap((stream) => stream.events.map((event) => event.eventId));
  const stored = new Set(
    (
      await sql<{ id: string }[]>`
      select event_id::text as id from events where event_id = any(${ids}::uuid[])`
    ).map((r) => r.id),
  );
  const result: Written = { written: 0, existing: 0, newStreams: 0, conflicts: [] };
  const totalEvents = ids.length;
  let done = 0;
  const advance = (events: number) => {
    done += events;
    onProgress?.({ events: done, totalEvents });
  };

  async function writeStream(stream: PlannedStream) {
    const present = stream.events.filter((event) => stored.has(event.eventId)).length;
    const prefix = stream.events.slice(0, present).every((event) => stored.has(event.eventId));
    if (!prefix) {
      result.conflicts.push({
        ...stream.source,
        reason: `${stream.streamId} holds some of the planned events out of order; nothing written to it`,
      });
      return advance(stream.events.length);
    }
    result.existing += present;
    advance(present);
    const aggregate = stream.kind === 'workflow' ? workflowAggregate : agentAggregate;
    for (let from = present; from < stream.events.length; from += MAX_EVENTS_PER_APPEND) {
      const events = stream.events.slice(from, from + MAX_EVENTS_PER_APPEND);
      try {
        await repository.append(aggregate, {
          actor,
          streamId: stream.streamId,
          events,
          expectedVersion: from,
        });
      } catch (error) {
        if (!(error instanceof ChronicleError)) throw error;
        result.conflicts.push({
          ...stream.source,
          reason: `${stream.streamId}: ${error.message}; nothing more written to it`,
        });
        return advance(stream.events.length - from);
      }
      if (from === 0) result.newStreams++;
      result.written += events.length;
      advance(events.length);
    }
  }

  const queue = [...plan.streams];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let stream = queue.shift(); stream; stream = queue.shift()) await writeStream(stream);
    }),
  );
  return result;
}
