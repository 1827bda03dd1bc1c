import type { Metadata } from 'next';
import Link from 'next/link';
import { CategorySelect } from '@/components/category-select';
import { EmptyState } from '@/components/empty-state';
import { FilterForm } from '@/components/filter-form';
import { ListFooter } from '@/components/list-footer';
import { InputNotice } from '@/components/input-notice';
import { PageHeader } from '@/components/page-header';
import { PageSizeSelect } from '@/components/page-size-select';
import { StreamTable, type StreamExtras } from '@/components/streams/stream-table';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { streamEnds } from '@/lib/console/event-times';
import { streamListFilters, type StreamListFilters } from '@/lib/console/filters';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { streamLabels } from '@/lib/console/stream-labels';
import type { Actor } from '@/lib/actor';
import type { StreamInfo } from '@/lib/event-store';
import type { StreamSort } from '@/lib/event-store/list-streams';
import { getStore } from '@/lib/runtime';
import { requireActor } from '../../_session/session';

export const metadata: Metadata = { title: 'Streams' };

const listHref = (
  { category, prefix, limit }: StreamListFilters,
  page: { sort: StreamSort; cursor?: string },
) => hrefWith('/streams', { category, prefix, limit, ...page });

/** Names and end-event times of the streams on the page: two queries for the whole page. */
async function extrasOf(actor: Actor, streams: StreamInfo[]): Promise<Map<string, StreamExtras>> {
  const [labels, ends] = await Promise.all([
    streamLabels(
      actor,
      streams.map((stream) => stream.streamId),
    ),
    streamEnds(actor, streams),
  ]);
  return new Map(
    streams.map(({ streamId }) => [
      streamId,
      { label: labels.get(streamId), ...ends.get(streamId) },
    ]),
  );
}

function describe({ category, prefix }: StreamListFilters): string {
  const parts = [category && `category “${category}”`, prefix && `id prefix “${prefix}”`];
  return parts.filter(Boolean).join(' and ');
}

export default async function StreamsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(streamListFilters, await searchParams);
  const store = await getStore();
  const { categories } = await store.stats({ actor });
  const header = <PageHeader title="Streams" description="Every stream in the store, by id." />;
  if (!parsed.ok) {
    return (
      <>
        {header}
        <InputNotice error={parsed.error} resetHref="/streams" resetLabel="Show all streams" />
      </>
    );
  }
  const filters = parsed.data;
  const list = await readFromInput(() => store.listStreams({ actor, ...filters }));
  const extras = list.ok
    ? await extrasOf(actor, list.data.streams)
    : new Map<string, StreamExtras>();
  const filtered = describe(filters);
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <FilterForm
            key={JSON.stringify(filters)}
            action="/streams"
            clearHref="/streams"
            hidden={{ sort: filters.sort }}
          >
            <CategorySelect
              categories={categories.map((c) => c.category)}
              value={filters.category}
            />
            <Field label="Stream id starts with">
              <Input
                name="prefix"
                defaultValue={filters.prefix}
                placeholder="e.g. workflow-"
                className="w-64 font-mono"
              />
            </Field>
            <PageSizeSelect value={filters.limit} />
          </FilterForm>
        </CardHeader>
        {!list.ok ? (
          <div className="p-4">
            <InputNotice
              title="This page cannot be shown"
              error={list.error}
              resetHref={listHref(filters, { sort: filters.sort })}
              resetLabel="Start from the first page"
            />
          </div>
        ) : list.data.streams.length === 0 ? (
          <EmptyState title={filtered ? `No streams match ${filtered}` : 'No streams yet'}>
            {filtered ? (
              <Link href="/streams" className="underline">
                Clear the filters
              </Link>
            ) : (
              'Streams appear here after their first event is appended.'
            )}
          </EmptyState>
        ) : (
          <>
            <StreamTable
              streams={list.data.streams}
              extras={extras}
              sort={filters.sort}
              sortHref={(sort) => listHref(filters, { sort })}
            />
            <ListFooter
              summary={`${list.data.streams.length} streams on this page${filtered ? `, ${filtered}` : ''}`}
              firstHref={filters.cursor ? listHref(filters, { sort: filters.sort }) : undefined}
              previousHref={
                list.data.previousCursor
                  ? listHref(filters, { sort: filters.sort, cursor: list.data.previousCursor })
                  : undefined
              }
              nextHref={
                list.data.nextCursor
                  ? listHref(filters, { sort: filters.sort, cursor: list.data.nextCursor })
                  : undefined
              }
            />
          </>
        )}
      </Card>
    </>
  );
}
