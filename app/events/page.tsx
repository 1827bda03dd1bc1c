import type { Metadata } from 'next';
import Link from 'next/link';
import { CategorySelect } from '@/components/category-select';
import { EmptyState } from '@/components/empty-state';
import { EventTable } from '@/components/events/event-table';
import { FilterForm } from '@/components/filter-form';
import { FirstEventHint } from '@/components/first-event-hint';
import { ListFooter } from '@/components/list-footer';
import { InputNotice } from '@/components/input-notice';
import { PageHeader } from '@/components/page-header';
import { PageSizeSelect } from '@/components/page-size-select';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { consoleActor } from '@/lib/console-actor';
import { allEventFilters, type AllEventFilters } from '@/lib/console/filters';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { getStore } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Events' };

function describe({ type, category, correlationId }: AllEventFilters): string {
  const parts = [
    type && `type “${type}”`,
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
  const parsed = parseSearchParams(allEventFilters, await searchParams);
  const store = await getStore();
  const stats = await store.stats({ actor: consoleActor });
  const header = (
    <PageHeader
      title="Events"
      description="The global log of all streams, in commit order (oldest first)."
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
  const filters = parsed.data;
  const { type, category, correlationId, after, limit } = filters;
  const page = await readFromInput(() =>
    store.readAll({
      actor: consoleActor,
      types: type ? [type] : undefined,
      category,
      correlationId,
      after,
      limit,
    }),
  );
  const filtered = describe(filters);
  const href = (change: Partial<AllEventFilters>) => hrefWith('/events', { ...filters, ...change });
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <FilterForm key={JSON.stringify(filters)} action="/events" clearHref="/events">
            <Field label="Event type">
              <Input
                name="type"
                defaultValue={type}
                placeholder="e.g. StepCompleted"
                className="w-52"
              />
            </Field>
            <CategorySelect categories={stats.categories.map((c) => c.category)} value={category} />
            <Field label="Correlation id">
              <Input name="correlationId" defaultValue={correlationId} className="w-72 font-mono" />
            </Field>
            <PageSizeSelect value={limit} />
          </FilterForm>
        </CardHeader>
        {!page.ok ? (
          <div className="p-4">
            <InputNotice
              title="This page cannot be shown"
              error={page.error}
              resetHref={href({ after: undefined })}
              resetLabel="Start from the first page"
            />
          </div>
        ) : page.data.events.length > 0 ? (
          <>
            <EventTable events={page.data.events} showStream />
            <ListFooter
              summary={`${page.data.events.length} events${after === undefined ? '' : ` after position ${after}`}${filtered ? `, ${filtered}` : ''}`}
              firstHref={after === undefined ? undefined : href({ after: undefined })}
              // A short page means the log is read to its end for now.
              nextHref={
                page.data.events.length === limit
                  ? href({ after: page.data.lastPosition })
                  : undefined
              }
            />
          </>
        ) : stats.events === 0 ? (
          <FirstEventHint />
        ) : (
          <EmptyState
            title={
              after !== undefined
                ? `No more events after position ${after}${filtered ? ` with ${filtered}` : ''}`
                : `No events match ${filtered}`
            }
          >
            <Link
              href={after !== undefined ? href({ after: undefined }) : '/events'}
              className="underline"
            >
              {after !== undefined ? 'Back to the first page' : 'Clear the filters'}
            </Link>
          </EmptyState>
        )}
      </Card>
    </>
  );
}
