import { Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { FilterForm } from '@/components/filter-form';
import { ListFooter } from '@/components/list-footer';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { PageSizeSelect } from '@/components/page-size-select';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { workflowListFilters, type WorkflowListFilters } from '@/components/workflows/list-filters';
import { StatusSelect } from '@/components/workflows/status-select';
import { WorkflowTable } from '@/components/workflows/workflow-table';
import { can } from '@/lib/actor';
import { timesAtVersions } from '@/lib/console/event-times';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { workflowStreamId } from '@/lib/domain/workflow';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../../_session/session';

export const metadata: Metadata = { title: 'Workflows' };

const listHref = (filters: WorkflowListFilters, cursor?: string) =>
  hrefWith('/workflows', { ...filters, cursor });

function describe({ status, search }: WorkflowListFilters): string {
  const parts = [status && `status “${status}”`, search && `a title containing “${search}”`];
  return parts.filter(Boolean).join(' and ');
}

export default async function WorkflowsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const mayCreate = can(actor, 'operator');
  const parsed = parseSearchParams(workflowListFilters, await searchParams);
  const header = (
    <PageHeader
      title="Workflows"
      description="Research workflows, most recently changed first."
      actions={
        mayCreate && (
          <Link href="/workflows/new" className={buttonClasses({ variant: 'primary' })}>
            <Plus className="size-4" aria-hidden />
            New workflow
          </Link>
        )
      }
    />
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <Notice title="These filters are not valid">
          <p>{parsed.error}</p>
          <Link href="/workflows" className="underline">
            Show all workflows
          </Link>
        </Notice>
      </>
    );
  }
  const filters = parsed.data;
  const { research } = await getChronicle();
  const list = await readFromInput(() => research.listWorkflows({ actor, ...filters }));
  const times = await timesAtVersions(
    actor,
    list.ok
      ? list.data.workflows.map(({ workflowId, version }) => ({
          streamId: workflowStreamId(workflowId),
          version,
        }))
      : [],
  );
  const filtered = describe(filters);
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <FilterForm key={JSON.stringify(filters)} action="/workflows" clearHref="/workflows">
            <StatusSelect value={filters.status} />
            <Field label="Title contains">
              <Input
                name="search"
                type="search"
                defaultValue={filters.search}
                placeholder="e.g. coral"
                className="w-64"
              />
            </Field>
            <PageSizeSelect value={filters.limit} />
          </FilterForm>
        </CardHeader>
        {!list.ok ? (
          <div className="p-4">
            <Notice title="This page cannot be shown">
              <p>{list.error}</p>
              <Link href={listHref(filters)} className="underline">
                Start from the first page
              </Link>
            </Notice>
          </div>
        ) : list.data.workflows.length === 0 ? (
          <EmptyState
            title={
              filters.cursor
                ? 'No more workflows'
                : filtered
                  ? `No workflows match ${filtered}`
                  : 'No workflows yet'
            }
          >
            {filtered ? (
              <Link href="/workflows" className="underline">
                Clear the filters
              </Link>
            ) : (
              mayCreate && (
                <Link href="/workflows/new" className="underline">
                  Create the first workflow
                </Link>
              )
            )}
          </EmptyState>
        ) : (
          <>
            <WorkflowTable workflows={list.data.workflows} times={times} />
            <ListFooter
              summary={`${list.data.workflows.length} workflows on this page${filtered ? `, ${filtered}` : ''}; most recently changed first`}
              firstHref={filters.cursor ? listHref(filters) : undefined}
              previousHref={
                list.data.previousCursor ? listHref(filters, list.data.previousCursor) : undefined
              }
              nextHref={list.data.nextCursor ? listHref(filters, list.data.nextCursor) : undefined}
            />
          </>
        )}
      </Card>
    </>
  );
}
