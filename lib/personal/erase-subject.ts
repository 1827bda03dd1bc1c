import { actorLabel, assertRole, systemActor, type Actor } from '../actor';
import type { AggregateCache } from '../aggregates/cache';
import { aggregateForStream } from '../aggregates/known';
import type { Repository } from '../aggregates/repository';
import { notFound } from '../errors';
import type { StoreContext } from '../event-store/context';
import { categoryOf } from '../event-store/stream-id';
import { liveTables, type Projection } from '../projections/projection';
import { ERASURE_CHANNEL } from './subject-keys';

export type Erasure = {
  subjectId: string;
  erasedAt: string;
  /** How many events hold the subject's (now unreadable) personal data. */
  events: number;
  streams: string[];
  /** Whether an earlier call had already erased the subject (this one only tidied up again). */
  alreadyErased: boolean;
};

type Deps = {
  ctx: StoreContext;
  repository: Repository;
  cache: AggregateCache;
  projections: readonly Projection[];
};

const ERASED_ERROR = 'Error text removed: the event holds personal data of an erased subject';

/**
 * Crypto-shredding: deletes the subject's key (keeping the row, so the subject is listed as
 * erased), which leaves the sealed values in the log unreadable and every hash unchanged. Then
 * removes what was built from their plaintext: cached states (here and, through the
 * notification, in other processes), the streams' snapshots, the error texts of their dead
 * letters and of a projection's last error about them, and the inline read-model rows, folded
 * again from the now-erased events. A second call finds the subject erased and does that
 * clean-up again, so a failed one can be retried.
 */
export async function eraseSubject(
  { ctx, repository, cache, projections }: Deps,
  { actor, subjectId }: { actor: Actor; subjectId: string },
): Promise<Erasure> {
  assertRole(actor, 'admin');
  const pool = ctx.db.$client;
  const erasure = await pool.begin(async (tx) => {
    const [key] = await tx<{ erased_at: Date | null }[]>`
      select erased_at from subject_keys where subject_id = ${subjectId} for update`;
    if (!key) throw notFound(`Subject ${subjectId} is not known`);
    let erasedAt = key.erased_at;
    if (!erasedAt) {
      const [updated] = await tx<{ erased_at: Date }[]>`
        update subject_keys set wrapped_key = null, erased_at = now(),
          erased_by = ${actorLabel(actor)}
        where subject_id = ${subjectId} returning erased_at`;
      erasedAt = updated!.erased_at;
      await tx`select pg_notify(${ERASURE_CHANNEL}, ${subjectId})`;
    }
    const streams = await tx<{ stream_id: string; events: number }[]>`
      select stream_id, events from subject_streams where subject_id = ${subjectId}
      order by stream_id`;
    return {
      subjectId,
      erasedAt: erasedAt.toISOString(),
      events: streams.reduce((sum, row) => sum + row.events, 0),
      streams: streams.map((row) => row.stream_id),
      alreadyErased: key.erased_at !== null,
    };
  });
  ctx.subjectKeys.forget(subjectId);
  cache.clear();
  await forgetPlaintext({ ctx, repository, projections }, erasure.streams);
  // A load that opened the values just before the key was forgotten may have cached its state
  // since the first clear.
  cache.clear();
  return erasure;
}

async function forgetPlaintext(
  { ctx, repository, projections }: Omit<Deps, 'cache'>,
  streamIds: string[],
): Promise<void> {
  if (streamIds.length === 0) return;
  const sql = ctx.sql;
  await sql`delete from snapshots where stream_id = any(${streamIds})`;
  await sql`
    update projection_failures set error = ${ERASED_ERROR}
    where stream_id = any(${streamIds}) and error is not null`;
  // A projection's last error names the failing event's stream first (runner.ts).
  await sql`
    update projections set last_error = ${ERASED_ERROR}
    where last_error is not null
      and exists (select 1 from unnest(${streamIds}::text[]) s where starts_with(last_error, s || '@'))`;
  for (const streamId of streamIds) {
    const aggregate = aggregateForStream(streamId);
    const writers = projections.filter(
      (p) => p.applyInline && p.forgetStreams && p.categories?.includes(categoryOf(streamId)),
    );
    if (!aggregate || writers.length === 0) continue;
    const loaded = await repository.load(aggregate, streamId, { actor: systemActor });
    if (loaded.state === null) continue;
    const change = { streamId, fromVersion: 1, version: loaded.version, state: loaded.state };
    await ctx.db.$client.begin(async (tx) => {
      for (const projection of writers) {
        const tables = liveTables(projection);
        await projection.forgetStreams!(tx, [streamId], tables);
        await projection.applyInline!(tx, change, tables);
      }
    });
  }
}
