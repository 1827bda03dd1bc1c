import { GENESIS_HASH, chainHash, storedContentHash } from '../lib/event-store/hash';
import type { TestDatabase } from './database';

/**
 * Moves a stream's first events `days` into the past, as if they had been recorded then, and
 * recomputes the stream's hash chain and head so that it verifies as one written that way. Events are
 * immutable; only a superuser of a test's own database can do this (triggers off for the
 * transaction), which is how tests get old data for age-based retention.
 */
export async function backdate(
  t: TestDatabase,
  { streamId, throughVersion, days }: { streamId: string; throughVersion: number; days: number },
): Promise<void> {
  await t.db.$client.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      update events set recorded_at = recorded_at - make_interval(days => ${days}),
        occurred_at = occurred_at - make_interval(days => ${days})
      where stream_id = ${streamId} and stream_version <= ${throughVersion}`;
    const rows = await tx<
      {
        stream_id: string;
        stream_version: number;
        event_id: string;
        event_type: string;
        schema_version: number;
        data_text: string;
        metadata_text: string;
        occurred_ms: number;
        recorded_ms: number;
      }[]
    >`
      select stream_id, stream_version, event_id, event_type, schema_version,
        data::text as data_text, metadata::text as metadata_text,
        (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
        (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms
      from events where stream_id = ${streamId} order by stream_version`;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const hash = chainHash({
        prevHash,
        version: row.stream_version,
        occurredAtMs: Number(row.occurred_ms),
        recordedAtMs: Number(row.recorded_ms),
        contentHash: storedContentHash(row),
      });
      await tx`
        update events set prev_hash = ${prevHash}, hash = ${hash}
        where stream_id = ${streamId} and stream_version = ${row.stream_version}`;
      prevHash = hash;
    }
    await tx`select chronicle_set_stream_heads()`;
  });
}
