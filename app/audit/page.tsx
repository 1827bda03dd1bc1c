import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditTable, type AuditLinks } from '@/components/audit/audit-table';
import { auditTargetHref } from '@/components/audit/target-href';
import { EmptyState } from '@/components/empty-state';
import { EventTypePicker } from '@/components/events/event-type-picker';
import { FilterForm } from '@/components/filter-form';
import { InputNotice } from '@/components/input-notice';
import { ListFooter } from '@/components/list-footer';
import { PageHeader } from '@/components/page-header';
import { PageSizeSelect } from '@/components/page-size-select';
import { SelectField } from '@/components/select-field';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { can } from '@/lib/actor';
import { auditActions } from '@/lib/audit/audit-event';
import { readAuditLog } from '@/lib/console/audit-log';
import {
  AUDIT_OUTCOMES,
  auditLogFilters,
  inputTime,
  type AuditLogFilters,
} from '@/lib/console/filters';
import { existingStreams } from '@/lib/console/find-stream';
import { consoleSql } from '@/lib/console/read-sql';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { streamLabels } from '@/lib/console/stream-labels';
import { requireActor } from '../_session/session';

export const metadata: Metadata = { title: 'Audit' };

const ACTION_GROUPS = [{ label: 'audited acts', types: [...auditActions] }];

function describe({ action, actor, target, outcome, from, to }: AuditLogFilters): string {
  const parts = [
    action && action.join(', '),
    actor && `by “${actor}”`,
    target && `on “${target}…”`,
    outcome,
    from && `from ${inputTime(from)} UTC`,
    to && `before ${inputTime(to)} UTC`,
  ];
  return parts.filter(Boolean).join(', ');
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(auditLogFilters, await searchParams, { lists: ['action'] });
  const header = (
    <PageHeader
      title="Audit"
      description="Who did what in Chronicle, newest first: sign-ins, changes to users and tokens, appends, commands, verifications and reads of event data. Each act is an event in a $audit-YYYY-MM-DD stream."
    />
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <InputNotice error={parsed.error} resetHref="/audit" resetLabel="Show the whole trail" />
      </>
    );
  }
  const filters = parsed.data;
  const page = await readFromInput(async () =>
    readAuditLog(await consoleSql(actor), { actor, filters }),
  );
  const href = (change: Partial<AuditLogFilters>) => {
    const next = { ...filters, ...change };
    return hrefWith('/audit', {
      ...next,
      action: next.action?.join(','),
      from: inputTime(next.from),
      to: inputTime(next.to),
    });
  };
  const targets = page.ok
    ? page.data.entries.flatMap((entry) => (entry.data.target ? [entry.data.target] : []))
    : [];
  const [streams, labels] = await Promise.all([
    existingStreams(actor, targets),
    streamLabels(actor, targets),
  ]);
  const links: AuditLinks = new Map(
    (page.ok ? page.data.entries : []).map((entry) => {
      const { target } = entry.data;
      const link = target
        ? {
            href: auditTargetHref(target, { streams, admin: can(actor, 'admin') }),
            label: labels.get(target),
          }
        : { href: null };
      return [entry.position, link];
    }),
  );
  const filtered = describe(filters);
  const paged = filters.before !== undefined || filters.after !== undefined;
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <FilterForm key={JSON.stringify(filters)} action="/audit" clearHref="/audit">
            <EventTypePicker
              groups={ACTION_GROUPS}
              selected={filters.action ?? []}
              label="Actions"
              name="action"
              noun="action"
              findWhat="an action"
            />
            <Field label="Actor (id or name)">
              <Input
                name="actor"
                defaultValue={filters.actor}
                placeholder="e.g. alice@"
                className="w-44"
              />
            </Field>
            <Field label="Target starts with">
              <Input
                name="target"
                defaultValue={filters.target}
                placeholder="e.g. workflow-"
                className="w-44 font-mono"
              />
            </Field>
            <SelectField
              label="Outcome"
              name="outcome"
              value={filters.outcome ?? ''}
              options={[
                { value: '', label: 'Any' },
                ...AUDIT_OUTCOMES.map((value) => ({ value, label: value })),
              ]}
            />
            <Field label="From (UTC)">
              <Input
                name="from"
                type="datetime-local"
                step={1}
                defaultValue={inputTime(filters.from)}
              />
            </Field>
            <Field label="Before (UTC)">
              <Input
                name="to"
                type="datetime-local"
                step={1}
                defaultValue={inputTime(filters.to)}
              />
            </Field>
            <PageSizeSelect value={filters.limit} />
          </FilterForm>
        </CardHeader>
        {!page.ok ? (
          <div className="p-4">
            <InputNotice
              title="This page cannot be shown"
              error={page.error}
              resetHref={href({ before: undefined, after: undefined })}
              resetLabel="Start from the newest"
            />
          </div>
        ) : page.data.entries.length === 0 ? (
          <EmptyState
            title={
              paged
                ? 'No more acts this way'
                : filtered
                  ? `Nothing on the trail matches ${filtered}`
                  : 'Nothing on the audit trail yet'
            }
          >
            {filtered || paged ? (
              <Link href="/audit" className="underline">
                Show the whole trail
              </Link>
            ) : (
              'Sign-ins, changes and reads appear here within a second of happening.'
            )}
          </EmptyState>
        ) : (
          <>
            <AuditTable entries={page.data.entries} links={links} />
            <ListFooter
              summary={`${page.data.entries.length} acts${filters.before === undefined ? '' : ` before position ${filters.before}`}${filters.after === undefined || filters.before !== undefined ? '' : ` after position ${filters.after}`}${filtered ? `, ${filtered}` : ''}; newest first`}
              firstHref={paged ? href({ before: undefined, after: undefined }) : undefined}
              previousHref={
                page.data.previousAfter === null
                  ? undefined
                  : href({ before: undefined, after: page.data.previousAfter })
              }
              nextHref={
                page.data.nextBefore === null
                  ? undefined
                  : href({ before: page.data.nextBefore, after: undefined })
              }
            />
          </>
        )}
      </Card>
    </>
  );
}
