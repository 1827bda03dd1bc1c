import type { Metadata } from 'next';
import Link from 'next/link';
import { CategorySelect } from '@/components/category-select';
import { EmptyState } from '@/components/empty-state';
import { EventTable } from '@/components/events/event-table';
import { EventTypePicker } from '@/components/events/event-type-picker';
import { FilterForm } from '@/components/filter-form';
import { FirstEventHint } from '@/components/first-event-hint';
import { ListFooter } from '@/components/list-footer';
import { InputNotice } from '@/components/input-notice';
import { PageHeader } from '@/components/page-header';
import { PageSizeSelect } from '@/components/page-size-select';
import { SegmentedLinks } from '@/components/segmented-links';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { eventTypeOptions } from '@/lib/console/event-type-options';
import { allEventFilters, type AllEventFilters } from '@/lib/console/filters';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { streamLabels } from '@/lib/console/stream-labels';
import { getStore } from '@/lib/runtime';
import { recordRead } from '../_session/audit';
import { requireActor } from '../_session/session';

export const metadata: Metadata = { title: 'Events' };

const quoted = (values: string[]) => values.map((value) => `“${value}”`).join(', ');

function describe({ type, category, correlationId }: AllEventFilters): string {
  const parts = [
    type && `${type.length === 1 ? 'type' : 'types'} ${quoted(type)}`,
    category && `category “${category}”`,
    correlationId && `correlation id “${correlationId}”`,
  ];
  return parts.filter(Boolean).join(' and ');
}

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(allEventFilters, await searchParams, { lists: ['type'] });
  const store = await getStore();
  const [stats, typeGroups] = await Promise.all([store.stats({ actor }), eventTypeOptions(actor)]);
  const header = (
    <PageHeader title="Events" description="The global log of all streams, in commit order." />
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <InputNotice error={parsed.error} resetHref="/events" resetLabel="Show all events" />
      </>
    );
  }
  const filters = parsed.data;
  const { type, category, correlationId, direction, after, before, limit } = filters;
  const newestFirst = direction === 'backward';
  const query = {
    actor,
    types: type,
    category,
    correlationId,
    limit,
  };
  const page = await readFromInput(() =>
    newestFirst ? store.readAllBackward({ ...query, before }) : store.readAll({ ...query, after }),
  );
  const labels = page.ok
    ? await streamLabels(
        actor,
        page.data.events.map((event) => event.streamId),
      )
    : new Map<string, string>();
  if (page.ok) await recordRead(actor, '$all');
  const from = newestFirst ? before : after;
  const filtered = describe(filters);
  // Several types travel as one comma-separated value, as in the REST API.
  const href = (change: Partial<AllEventFilters>) => {
    const next = { ...filters, ...change };
    return hrefWith('/events', { ...next, type: next.type?.join(',') });
  };
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <FilterForm key={JSON.stringify(filters)} action="/events" clearHref="/events">
            <EventTypePicker groups={typeGroups} selected={type ?? []} />
            <CategorySelect categories={stats.categories.map((c) => c.category)} value={category} />
            <Field label="Correlation id">
              <Input name="correlationId" defaultValue={correlationId} className="w-72 font-mono" />
            </Field>
            <PageSizeSelect value={limit} />
            <input type="hidden" name="direction" value={direction} />
          </FilterForm>
          <SegmentedLinks
            label="Order"
            options={[
              { label: 'Oldest first', direction: 'forward' as const },
              { label: 'Newest first', direction: 'backward' as const },
            ].map((option) => ({
              label: option.label,
              href: href({ direction: option.direction, after: undefined, before: undefined }),
              active: direction === option.direction,
            }))}
          />
        </CardHeader>
        {!page.ok ? (
          <div className="p-4">
            <InputNotice
              title="This page cannot be shown"
              error={page.error}
              resetHref={href({ after: undefined, before: undefined })}
              resetLabel="Start from the first page"
            />
          </div>
        ) : page.data.events.length > 0 ? (
          <>
            <EventTable events={page.data.events} showStream labels={labels} />
            <ListFooter
              summary={`${page.data.events.length} events${from === undefined ? '' : ` ${newestFirst ? 'before' : 'after'} position ${from}`}${filtered ? `, ${filtered}` : ''}`}
              firstHref={
                from === undefined ? undefined : href({ after: undefined, before: undefined })
              }
              // A short page means the log is read to its end (or its start) for now.
              nextHref={
                page.data.events.length === limit
                  ? href(
                      newestFirst
                        ? { before: page.data.lastPosition }
                        : { after: page.data.lastPosition },
                    )
                  : undefined
              }
            />
          </>
        ) : stats.events === 0 ? (
          <FirstEventHint />
        ) : (
          <EmptyState
            title={
              from !== undefined
                ? `No more events ${newestFirst ? 'before' : 'after'} position ${from}${filtered ? ` with ${filtered}` : ''}`
                : `No events match ${filtered}`
            }
          >
            <Link
              href={from !== undefined ? href({ after: undefined, before: undefined }) : '/events'}
              className="underline"
            >
              {from !== undefined ? 'Back to the first page' : 'Clear the filters'}
            </Link>
          </EmptyState>
        )}
      </Card>
    </>
  );
}
