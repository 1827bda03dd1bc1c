import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { EventTable } from '@/components/events/event-table';
import { ExplorerFilters } from '@/components/events/explorer-filters';
import { LiveEventTable } from '@/components/events/live-event-table';
import { LiveSwitch } from '@/components/events/live-switch';
import { FirstEventHint } from '@/components/first-event-hint';
import { InputNotice } from '@/components/input-notice';
import { ListFooter } from '@/components/list-footer';
import { PageHeader } from '@/components/page-header';
import { SegmentedLinks } from '@/components/segmented-links';
import { Card, CardHeader } from '@/components/ui/card';
import { eventTypeOptions } from '@/lib/console/event-type-options';
import { explorerFilter, readExplorerPage, type PageCursor } from '@/lib/console/explorer-page';
import { allEventFilters, inputTime, type AllEventFilters } from '@/lib/console/filters';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { streamLabels } from '@/lib/console/stream-labels';
import { getReads, getStore } from '@/lib/runtime';
import { recordRead } from '../_session/audit';
import { requireActor } from '../_session/session';
import { plural } from '@/components/format';

export const metadata: Metadata = { title: 'Events' };

const quoted = (values: string[]) => values.map((value) => `“${value}”`).join(', ');

function describe(f: AllEventFilters): string {
  const parts = [
    f.type && `${plural(f.type.length, 'type')} ${quoted(f.type)}`,
    f.category && `category “${f.category}”`,
    f.stream && `stream “${f.stream}”`,
    f.correlationId && `correlation id “${f.correlationId}”`,
    f.actor && `actor “${f.actor}”`,
    f.from && `recorded from ${inputTime(f.from)} UTC`,
    f.to && `recorded before ${inputTime(f.to)} UTC`,
    f.occurredFrom && `occurred from ${inputTime(f.occurredFrom)} UTC`,
    f.occurredTo && `occurred before ${inputTime(f.occurredTo)} UTC`,
  ];
  return parts.filter(Boolean).join(' and ');
}

const isoTime = (date: Date | undefined) => date?.toISOString();

/**
 * The filters as query parameters: the console's links (times as a datetime-local field shows
 * them) and the live stream's request (ISO 8601, as the REST API reads them).
 */
function filterQuery(f: AllEventFilters, time = inputTime) {
  return {
    type: f.type?.join(','),
    category: f.category,
    stream: f.stream,
    correlationId: f.correlationId,
    actor: f.actor,
    from: time(f.from),
    to: time(f.to),
    occurredFrom: time(f.occurredFrom),
    occurredTo: time(f.occurredTo),
  };
}

const NO_CURSOR = { after: undefined, before: undefined };

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(allEventFilters, await searchParams, { lists: ['type'] });
  // Live mode follows the head of the log, on the primary; browsing may read a replica.
  const store = parsed.ok && parsed.data.live ? await getStore() : (await getReads(actor)).store;
  const [stats, typeGroups] = await Promise.all([store.stats({ actor }), eventTypeOptions(actor)]);
  const header = (
    <PageHeader
      title="Events"
      description="The global log of all streams, in commit order. Filter it, page it both ways, or follow it live."
    />
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <InputNotice error={parsed.error} resetHref="/events" resetLabel="Show all events" />
      </>
    );
  }
  // Live mode follows the head of the log: newest first, from the first page.
  const filters: AllEventFilters = parsed.data.live
    ? { ...parsed.data, ...NO_CURSOR, direction: 'backward' }
    : parsed.data;
  const { direction, after, before, live } = filters;
  const newestFirst = direction === 'backward';
  const filtered = describe(filters);
  const [page, matching] = await Promise.all([
    readFromInput(() => readExplorerPage(store, actor, filters)),
    filtered
      ? readFromInput(() => store.countAll({ actor, ...explorerFilter(filters) }))
      : { ok: true as const, data: { count: stats.events, capped: false } },
  ]);
  const labels = page.ok
    ? await streamLabels(
        actor,
        page.data.events.map((event) => event.streamId),
      )
    : new Map<string, string>();
  if (page.ok) await recordRead(actor, '$all');
  const href = (change: Partial<AllEventFilters>) => {
    const next = { ...filters, ...change };
    return hrefWith('/events', {
      ...filterQuery(next),
      direction: next.direction,
      after: next.after,
      before: next.before,
      limit: next.limit,
      live: next.live,
    });
  };
  const cursorHref = (cursor: PageCursor | undefined) =>
    cursor && href({ ...NO_CURSOR, ...cursor, live: undefined });
  const paged = after !== undefined || before !== undefined;
  const count = matching.ok
    ? `${matching.data.count.toLocaleString('en-US')}${matching.data.capped ? '+' : ''} ${filtered ? 'matching' : 'in all'}`
    : null;
  const liveQuery = new URLSearchParams(
    Object.entries(filterQuery(filters, isoTime)).filter(
      (entry): entry is [string, string] => !!entry[1],
    ),
  ).toString();
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <ExplorerFilters
            filters={filters}
            typeGroups={typeGroups}
            categories={stats.categories.map((c) => c.category)}
          />
          <div className="flex items-center gap-4">
            <SegmentedLinks
              label="Order"
              options={[
                { label: 'Oldest first', direction: 'forward' as const },
                { label: 'Newest first', direction: 'backward' as const },
              ].map((option) => ({
                label: option.label,
                href: href({ direction: option.direction, ...NO_CURSOR, live: undefined }),
                active: direction === option.direction,
              }))}
            />
            <LiveSwitch
              on={!!live}
              href={href(live ? { live: undefined } : { ...NO_CURSOR, live: '1' })}
            />
          </div>
        </CardHeader>
        {!page.ok ? (
          <div className="p-4">
            <InputNotice
              title="This page cannot be shown"
              error={page.error}
              resetHref={href(NO_CURSOR)}
              resetLabel="Start from the first page"
            />
          </div>
        ) : live ? (
          <LiveEventTable
            events={page.data.events}
            labels={Object.fromEntries(labels)}
            query={liveQuery}
            after={page.data.events[0]?.position ?? (await headPosition())}
          />
        ) : page.data.events.length > 0 ? (
          <>
            <EventTable events={page.data.events} showStream labels={labels} />
            <ListFooter
              summary={`${page.data.events.length} events shown${count ? ` of ${count}` : ''}${filtered ? `: ${filtered}` : ''}; ${newestFirst ? 'newest' : 'oldest'} first`}
              firstHref={paged ? href(NO_CURSOR) : undefined}
              previousHref={cursorHref(page.data.previous)}
              nextHref={cursorHref(page.data.next)}
            />
          </>
        ) : stats.events === 0 ? (
          <FirstEventHint />
        ) : (
          <EmptyState title={paged ? 'No more events this way' : `No events match ${filtered}`}>
            <span className="flex justify-center gap-4">
              {page.data.previous && (
                <Link href={cursorHref(page.data.previous)!} className="underline">
                  Back one page
                </Link>
              )}
              <Link href={paged ? href(NO_CURSOR) : '/events'} className="underline">
                {paged ? 'Back to the first page' : 'Clear the filters'}
              </Link>
            </span>
          </EmptyState>
        )}
      </Card>
    </>
  );

  /** Where live mode starts when nothing matches yet: the newest readable event. */
  async function headPosition() {
    const newest = await store.readAllBackward({ actor, limit: 1 });
    return newest.events[0]?.position ?? 0;
  }
}
