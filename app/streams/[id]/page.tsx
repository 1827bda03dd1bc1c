import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EmptyState } from '@/components/empty-state';
import { EventTable } from '@/components/events/event-table';
import { ListFooter } from '@/components/list-footer';
import { InputNotice } from '@/components/input-notice';
import { PageHeader } from '@/components/page-header';
import { SegmentedLinks } from '@/components/segmented-links';
import { streamHref } from '@/components/stream-href';
import { StreamSummary } from '@/components/streams/stream-summary';
import { VerifyChain } from '@/components/streams/verify-chain';
import { HoldToggle } from '@/components/retention/hold-toggle';
import { StreamTimeline } from '@/components/timeline/stream-timeline';
import { TIMELINE_PAGE_SIZE } from '@/components/timeline/page-size';
import { TimeTravel } from '@/components/timeline/time-travel';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { agentHref } from '@/components/workflows/agent-option';
import { workflowHref } from '@/components/workflows/workflow-href';
import { streamEnds } from '@/lib/console/event-times';
import { streamLabels } from '@/lib/console/stream-labels';
import { agentAggregate } from '@/lib/domain/agent';
import { workflowAggregate } from '@/lib/domain/workflow';
import { PAGE_SIZES, streamEventFilters, type StreamEventFilters } from '@/lib/console/filters';
import { findStream, streamIdFromSegment } from '@/lib/console/find-stream';
import { timelineStart } from '@/lib/console/timeline-start';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { can, type Actor } from '@/lib/actor';
import type { StreamDetails } from '@/lib/event-store';
import { getChronicle, getReads } from '@/lib/runtime';
import { recordRead } from '../../_session/audit';
import { requireActor } from '../../_session/session';
import { setHold } from '../../retention/actions';
import { verifyChain } from './actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: streamIdFromSegment((await params).id) ?? 'Stream' };
}

/** The console page of the workflow or agent a stream holds, named as the read model knows it. */
function OwnerLink({ stream, label }: { stream: StreamDetails; label: string }) {
  const { streamId, category } = stream;
  const [kind, href] =
    category === workflowAggregate.type
      ? ['Workflow', workflowHref(workflowAggregate.idOf(streamId))]
      : ['Agent', agentHref(agentAggregate.idOf(streamId))];
  return (
    <>
      {kind}{' '}
      <Link href={href} className="font-medium text-zinc-700 hover:underline">
        {label}
      </Link>
    </>
  );
}

export default async function StreamPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const streamId = streamIdFromSegment((await params).id);
  const stream = streamId === null ? null : await findStream(actor, streamId);
  if (!stream) notFound();
  const parsed = parseSearchParams(streamEventFilters, await searchParams);
  const { integrity, retention } = await getChronicle();
  const [labels, ends, start, held] = await Promise.all([
    streamLabels(actor, [stream.streamId]),
    streamEnds(actor, [stream]),
    timelineStart(actor, stream, TIMELINE_PAGE_SIZE),
    retention.isHeld({ actor, streamId: stream.streamId }),
  ]);
  await recordRead(actor, stream.streamId);
  const label = labels.get(stream.streamId);
  const { first, last } = ends.get(stream.streamId) ?? {};
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/streams" className="hover:underline">
            Streams
          </Link>
        }
        title={<span className="font-mono">{stream.streamId}</span>}
        description={label && <OwnerLink stream={stream} label={label} />}
        actions={
          <div className="flex items-start gap-2">
            <HoldToggle
              held={held}
              toggle={can(actor, 'admin') ? setHold.bind(null, stream.streamId, !held) : undefined}
            />
            {integrity.publicKey && (
              <a
                href={`/api/v1/evidence?streams=${encodeURIComponent(stream.streamId)}`}
                download
                className={buttonClasses()}
                title="The whole history, the signed digest and a proof, to check offline"
              >
                Export evidence
              </a>
            )}
            <VerifyChain verify={verifyChain.bind(null, stream.streamId)} />
          </div>
        }
      />
      <StreamSummary stream={stream} first={first} last={last} />
      {start.states && (
        <Card className="mb-5">
          <TimeTravel
            streamId={stream.streamId}
            version={stream.version}
            firstAt={first?.recordedAt ?? stream.createdAt}
            lastAt={last?.recordedAt ?? stream.updatedAt}
            initial={start.states}
          />
        </Card>
      )}
      <Card className="mb-5" aria-labelledby="timeline-title">
        <StreamTimeline
          streamId={stream.streamId}
          version={stream.version}
          firstPage={start.firstPage}
        />
      </Card>
      <Card>
        {parsed.ok ? (
          <StreamEvents actor={actor} stream={stream} filters={parsed.data} />
        ) : (
          <InvalidView stream={stream} error={parsed.error} />
        )}
      </Card>
    </>
  );
}

async function StreamEvents({
  actor,
  stream,
  filters,
}: {
  actor: Actor;
  stream: StreamDetails;
  filters: StreamEventFilters;
}) {
  const { store } = await getReads(actor);
  const page = await readFromInput(() =>
    store.readStream({ actor, streamId: stream.streamId, ...filters }),
  );
  if (!page.ok) return <InvalidView stream={stream} error={page.error} />;
  const href = (change: Partial<StreamEventFilters>) =>
    hrefWith(streamHref(stream.streamId), { ...filters, ...change });
  const { events, nextCursor } = page.data;
  const first = events[0];
  const last = events.at(-1);
  // Versions are dense, so the page before this one starts `limit` versions back.
  const previousHref = () => {
    if (filters.fromVersion === undefined || !first) return undefined;
    if (filters.direction === 'backward') {
      return first.version < stream.version
        ? href({ fromVersion: Math.min(stream.version, first.version + filters.limit) })
        : undefined;
    }
    return first.version > 1
      ? href({ fromVersion: Math.max(1, first.version - filters.limit) })
      : undefined;
  };
  return (
    <>
      <CardHeader>
        <CardTitle>Events</CardTitle>
        <div className="flex flex-wrap items-center gap-4">
          <SegmentedLinks
            label="Order"
            options={[
              { label: 'Newest first', direction: 'backward' as const },
              { label: 'Oldest first', direction: 'forward' as const },
            ].map(({ label, direction }) => ({
              label,
              href: href({ direction, fromVersion: undefined }),
              active: filters.direction === direction,
            }))}
          />
          <SegmentedLinks
            label="Per page"
            options={PAGE_SIZES.map((limit) => ({
              label: String(limit),
              href: href({ limit }),
              active: filters.limit === limit,
            }))}
          />
        </div>
      </CardHeader>
      {first && last ? (
        <>
          <EventTable events={events} />
          <ListFooter
            summary={`Versions ${first.version}–${last.version} of ${stream.version}`}
            firstHref={
              filters.fromVersion === undefined ? undefined : href({ fromVersion: undefined })
            }
            previousHref={previousHref()}
            nextHref={nextCursor === null ? undefined : href({ fromVersion: nextCursor })}
          />
        </>
      ) : (
        <EmptyState title="No events on this page">
          <Link href={streamHref(stream.streamId)} className="underline">
            Show the newest events
          </Link>
        </EmptyState>
      )}
    </>
  );
}

function InvalidView({ stream, error }: { stream: StreamDetails; error: string }) {
  return (
    <div className="p-4">
      <InputNotice
        title="These events cannot be shown"
        error={error}
        resetHref={streamHref(stream.streamId)}
        resetLabel="Show the newest events"
      />
    </div>
  );
}
