import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { bytes, count } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { AggregateTable, ratio } from '@/components/snapshots/aggregate-table';
import { CleanupButton } from '@/components/snapshots/cleanup-button';
import { CreationChart, SizeChart } from '@/components/snapshots/snapshot-charts';
import {
  StreamSnapshotsCard,
  type StreamSnapshots,
} from '@/components/snapshots/stream-snapshots-card';
import { StatCard } from '@/components/stat-card';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can, type Actor } from '@/lib/actor';
import { aggregateForStream } from '@/lib/aggregates/known';
import { findStream } from '@/lib/console/find-stream';
import { parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { STREAM_ID_PATTERN } from '@/lib/event-store/stream-id';
import { z } from 'zod';
import { env } from '@/lib/env';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { cleanupSnapshots, takeSnapshot } from './actions';

const query = z.object({
  stream: z
    .string()
    .regex(STREAM_ID_PATTERN, 'A stream id is 1–200 characters of A–Z, a–z, 0–9, _ . : -')
    .optional(),
});

async function streamSnapshots(actor: Actor, raw: RawSearchParams): Promise<StreamSnapshots> {
  const parsed = parseSearchParams(query, raw);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  const streamId = parsed.data.stream;
  if (streamId === undefined) return { kind: 'none' };
  if (!(await findStream(actor, streamId))) return { kind: 'unknown', streamId };
  const rows = await (await getChronicle()).streamSnapshots({ actor, streamId });
  return { kind: 'found', streamId, snapshotable: Boolean(aggregateForStream(streamId)), rows };
}

export const metadata: Metadata = { title: 'Snapshots' };

const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ms`);
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

export default async function SnapshotsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const chronicle = await getChronicle();
  const [stats, days, found] = await Promise.all([
    chronicle.snapshotStats({ actor }),
    chronicle.snapshotsByDay({ actor, days: 30 }),
    streamSnapshots(actor, await searchParams),
  ]);
  const { creationMs, cache } = stats;
  return (
    <>
      <PageHeader
        title="Snapshots"
        description={`Stored states of long streams, so that reads fold only the events after them. Cleanup, hourly or now, keeps the newest ${env().CHRONICLE_SNAPSHOT_KEEP} of each stream.`}
        actions={
          can(actor, 'operator') && (
            <CleanupButton cleanup={cleanupSnapshots} keep={env().CHRONICLE_SNAPSHOT_KEEP} />
          )
        }
      />
      <div className="mb-5 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label="Snapshots"
          value={stats.snapshots}
          detail={`of ${count(stats.streams)} streams`}
        />
        <StatCard
          label="Stored size"
          value={bytes(stats.compressedBytes)}
          detail={`${bytes(stats.rawBytes)} of state before compression`}
        />
        <StatCard
          label="Compression"
          value={ratio(stats.rawBytes, stats.compressedBytes)}
          detail="state size ÷ stored size"
        />
        <StatCard
          label="Time to take one"
          value={ms(creationMs.p50)}
          detail={`median; p95 ${ms(creationMs.p95)}, p99 ${ms(creationMs.p99)}, max ${ms(creationMs.max)}`}
        />
        <StatCard
          label="Cache hit rate"
          value={percent(cache.hitRate)}
          detail={`${count(cache.hits)} hits, ${count(cache.misses)} misses since this server started`}
        />
        <StatCard
          label="Cached states"
          value={cache.entries}
          detail={`${bytes(cache.bytes)} in this server’s memory`}
        />
        <StatCard
          label="Stale snapshots"
          value={stats.staleStored}
          detail="of an older state shape, so never loaded"
        />
        <StatCard
          label="Stale skipped on load"
          value={stats.staleIgnored}
          detail="since this server started"
        />
      </div>
      <StreamSnapshotsCard
        found={found}
        canTake={can(actor, 'operator')}
        take={found.kind === 'found' ? takeSnapshot.bind(null, found.streamId) : undefined}
      />
      <div className="mb-5 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card aria-labelledby="size-chart-title">
          <CardHeader>
            <CardTitle id="size-chart-title">Sizes by aggregate type</CardTitle>
          </CardHeader>
          <CardContent>
            {stats.byAggregate.length === 0 ? (
              <p className="text-sm text-zinc-600">No snapshots to measure yet.</p>
            ) : (
              <SizeChart rows={stats.byAggregate} />
            )}
          </CardContent>
        </Card>
        <Card aria-labelledby="creation-chart-title">
          <CardHeader>
            <CardTitle id="creation-chart-title">Taken per day</CardTitle>
            <p className="text-xs text-zinc-600">last 30 days, UTC</p>
          </CardHeader>
          <CardContent>
            <CreationChart days={days} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>By aggregate type</CardTitle>
        </CardHeader>
        {stats.byAggregate.length === 0 ? (
          <EmptyState title="No snapshots yet">
            A snapshot is taken every {env().CHRONICLE_SNAPSHOT_EVERY} events of a workflow or agent
            stream.
          </EmptyState>
        ) : (
          <AggregateTable rows={stats.byAggregate} />
        )}
      </Card>
    </>
  );
}
