import { assertRole, type Actor } from '../actor';
import type { AggregateCache } from '../aggregates/cache';
import type { Queryable } from '../event-store/context';
import { snapshotCounters, type SnapshotKind } from './snapshot-store';

export type SnapshotStats = {
  snapshots: number;
  streams: number;
  rawBytes: number;
  compressedBytes: number;
  compressionRatio: number | null;
  creationMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  /** Stored snapshots of an older state shape than the code's (ignored when loading). */
  staleStored: number;
  staleIgnored: number;
  cache: { hits: number; misses: number; hitRate: number | null; entries: number; bytes: number };
  byAggregate: {
    aggregateType: string;
    snapshots: number;
    rawBytes: number;
    compressedBytes: number;
  }[];
};

export async function snapshotStats(
  sql: Queryable,
  { actor, cache, kinds }: { actor: Actor; cache: AggregateCache; kinds: SnapshotKind[] },
): Promise<SnapshotStats> {
  assertRole(actor, 'auditor');
  const current = JSON.stringify(Object.fromEntries(kinds.map((k) => [k.type, k.stateVersion])));
  const [totals] = await sql<
    {
      snapshots: number;
      streams: number;
      raw: number;
      compressed: number;
      p50: number;
      p95: number;
      p99: number;
      max: number;
      stale: number;
    }[]
  >`
    select count(*)::bigint as snapshots, count(distinct stream_id)::bigint as streams,
      coalesce(sum(raw_bytes), 0)::bigint as raw, coalesce(sum(compressed_bytes), 0)::bigint as compressed,
      percentile_cont(0.5) within group (order by creation_ms) as p50,
      percentile_cont(0.95) within group (order by creation_ms) as p95,
      percentile_cont(0.99) within group (order by creation_ms) as p99,
      max(creation_ms) as max,
      count(*) filter (where aggregate_schema_version < coalesce((${current}::jsonb ->> aggregate_type)::int, 0))::bigint as stale
    from snapshots`;
  const byAggregate = await sql<
    { aggregate_type: string; snapshots: number; raw: number; compressed: number }[]
  >`
    select aggregate_type, count(*)::bigint as snapshots, sum(raw_bytes)::bigint as raw,
      sum(compressed_bytes)::bigint as compressed
    from snapshots group by aggregate_type order by aggregate_type`;
  const { hits, misses } = cache.counters;
  const round = (n: number | null | undefined) =>
    n === null || n === undefined ? null : Math.round(n * 1000) / 1000;
  return {
    snapshots: totals?.snapshots ?? 0,
    streams: totals?.streams ?? 0,
    rawBytes: totals?.raw ?? 0,
    compressedBytes: totals?.compressed ?? 0,
    compressionRatio: totals?.compressed ? round(totals.raw / totals.compressed) : null,
    creationMs: {
      p50: round(totals?.p50),
      p95: round(totals?.p95),
      p99: round(totals?.p99),
      max: round(totals?.max),
    },
    staleStored: totals?.stale ?? 0,
    staleIgnored: snapshotCounters.staleIgnored,
    cache: {
      hits,
      misses,
      hitRate: hits + misses ? round(hits / (hits + misses)) : null,
      ...cache.size(),
    },
    byAggregate: byAggregate.map((r) => ({
      aggregateType: r.aggregate_type,
      snapshots: r.snapshots,
      rawBytes: r.raw,
      compressedBytes: r.compressed,
    })),
  };
}
