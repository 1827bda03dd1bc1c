import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { bytes, count } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { AggregateTable, ratio } from '@/components/snapshots/aggregate-table';
import { CleanupButton } from '@/components/snapshots/cleanup-button';
import { StatCard } from '@/components/stat-card';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/lib/actor';
import { env } from '@/lib/env';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { cleanupSnapshots } from './actions';

export const metadata: Metadata = { title: 'Snapshots' };

const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ms`);
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

export default async function SnapshotsPage() {
  const actor = await requireActor();
  const chronicle = await getChronicle();
  const stats = await chronicle.snapshotStats({ actor });
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
