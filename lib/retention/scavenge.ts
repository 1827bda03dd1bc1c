import { actorLabel, assertRole, systemActor, type Actor } from '../actor';
import { auditEvent, type AuditEvent } from '../audit/audit-event';
import { aggregateForStream } from '../aggregates/known';
import type { Repository } from '../aggregates/repository';
import type { EventStore } from '../event-store';
import { outboxEntry } from '../event-store/append';
import type { Queryable, StoreContext } from '../event-store/context';
import { latestSnapshot, saveSnapshot } from '../snapshots/snapshot-store';
import { streamLockSql } from './rules';

const STREAMS_PER_BATCH = 100;

export type ScavengeSummary = {
  streams: number;
  removedEvents: number;
  startedAt: string;
  finishedAt: string;
  requestedBy: string;
};

/** Records an audit event in the transaction of the act it records. */
async function auditIn(ctx: StoreContext, tx: Queryable, event: AuditEvent) {
  await tx`
    insert into audit_outbox (stream_id, event)
    select e ->> 'streamId', e -> 'event' from (select ${outboxEntry(ctx, event)}::jsonb as e) entry`;
}

/**
 * How far the scavenger may remove a stream now: through its last expired version, but never its
 * head, which the next append links to (chronicle_append reads the head's hash); an expired head
 * stays stored, and hidden, until a newer event follows it.
 */
const removableThrough = (tx: Queryable, streamId: string) => tx<
  { through: number; anchor: number; hash: string | null }[]
>`
  select x.through, x.anchor, e.hash from (
    select least(chronicle_expired_through(s.stream_id), s.version - 1)::bigint as through,
      coalesce(t.anchor_version, 0)::bigint as anchor
    from streams s left join stream_truncations t using (stream_id)
    where s.stream_id = ${streamId}
  ) x left join events e on e.stream_id = ${streamId} and e.stream_version = x.through`;

/**
 * An aggregate's stream keeps a snapshot at or after the versions removed from it, so that it
 * still loads: one is taken at the last removed version unless a newer one is stored.
 */
async function keepLoadable(
  { repository, tx }: { repository: Repository; tx: Queryable },
  streamId: string,
  through: number,
) {
  const aggregate = aggregateForStream(streamId);
  if (!aggregate) return;
  const newest = await latestSnapshot(tx, { streamId, kind: aggregate });
  if (newest && newest.version >= through) return;
  const { state, version } = await repository.load(aggregate, streamId, {
    actor: systemActor,
    upToVersion: through,
  });
  await saveSnapshot(tx, { streamId, version, kind: aggregate, state });
}

/**
 * Removes one stream's expired events for good, with its truncation anchor (the version and hash
 * of the last one removed) and the audit event, in one transaction. Answers how many it removed.
 */
async function scavengeStream(
  { store, repository, actor }: { store: EventStore; repository: Repository; actor: Actor },
  streamId: string,
): Promise<number> {
  const ctx = store.context;
  return ctx.db.$client.begin(async (tx) => {
    await streamLockSql(tx, streamId);
    const [row] = await removableThrough(tx, streamId);
    if (!row || row.through <= row.anchor || row.hash === null) return 0;
    const { through, hash } = row;
    await keepLoadable({ repository, tx }, streamId, through);
    const [removed] = await tx<{ count: number }[]>`
      select chronicle_remove_events(${streamId}, ${through}, 'retention')::bigint as count`;
    const count = Number(removed!.count);
    await tx`
      insert into stream_truncations (stream_id, anchor_version, anchor_hash, removed_events)
      values (${streamId}, ${through}, ${hash}, ${count})
      on conflict (stream_id) do update set anchor_version = excluded.anchor_version,
        anchor_hash = excluded.anchor_hash,
        removed_events = stream_truncations.removed_events + excluded.removed_events,
        updated_at = now()`;
    await auditIn(
      ctx,
      tx,
      auditEvent({ actor }, 'StreamTruncate', 'succeeded', streamId, {
        anchorVersion: through,
        anchorHash: hash,
        removedEvents: count,
      }),
    );
    return count;
  });
}

/**
 * Removes every expired event of every stream under a rule and not held, stream by stream (each
 * its own transaction), and records the run on the audit trail. Running it again removes nothing
 * new unless more events have expired since.
 */
export async function scavenge(
  { store, repository }: { store: EventStore; repository: Repository },
  { actor, requestedBy = actorLabel(actor) }: { actor: Actor; requestedBy?: string },
): Promise<ScavengeSummary> {
  assertRole(actor, 'operator');
  const ctx = store.context;
  const sql = ctx.sql;
  const startedAt = new Date().toISOString();
  let streams = 0;
  let removedEvents = 0;
  let cursor = '';
  for (;;) {
    const batch = await sql<{ stream_id: string }[]>`
      select s.stream_id from streams s join retention_policies r using (category)
      where s.stream_id > ${cursor}
        and not exists (select 1 from stream_holds h where h.stream_id = s.stream_id)
      order by s.stream_id limit ${STREAMS_PER_BATCH}`;
    for (const { stream_id } of batch) {
      const removed = await scavengeStream({ store, repository, actor }, stream_id);
      if (removed > 0) {
        streams += 1;
        removedEvents += removed;
      }
    }
    if (batch.length < STREAMS_PER_BATCH) break;
    cursor = batch.at(-1)!.stream_id;
  }
  const summary = {
    streams,
    removedEvents,
    startedAt,
    finishedAt: new Date().toISOString(),
    requestedBy,
  };
  await auditIn(
    ctx,
    sql,
    auditEvent({ actor }, 'RetentionScavenge', 'succeeded', 'retention', summary),
  );
  return summary;
}
