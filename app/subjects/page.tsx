import { UserX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { EmptyState } from '@/components/empty-state';
import { FilterForm } from '@/components/filter-form';
import { InputNotice } from '@/components/input-notice';
import { ListFooter } from '@/components/list-footer';
import { NotAllowed } from '@/components/not-allowed';
import { PageHeader } from '@/components/page-header';
import { SubjectTable, type SubjectOrder } from '@/components/subjects/subject-table';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { can } from '@/lib/actor';
import { DEFAULT_PAGE_SIZE } from '@/lib/console/filters';
import { hrefWith, parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { SUBJECT_SORTS } from '@/lib/personal/subjects';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { eraseSubject } from './actions';
import { plural } from '@/components/format';

export const metadata: Metadata = { title: 'Data subjects' };

const query = z.object({
  sort: z
    .enum(SUBJECT_SORTS, { error: 'Sort by subjectId, events, createdAt or erasedAt' })
    .default('createdAt'),
  direction: z.enum(['asc', 'desc'], { error: 'direction is asc or desc' }).default('desc'),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0).default(0),
  email: z.email({ error: 'That is not an e-mail address' }).optional(),
});

const listHref = ({ sort, direction }: SubjectOrder, offset = 0, email?: string) =>
  hrefWith('/subjects', {
    sort: sort === 'createdAt' ? undefined : sort,
    direction: direction === 'desc' ? undefined : direction,
    offset: offset || undefined,
    email,
  });

export default async function SubjectsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'admin')) return <NotAllowed actor={actor} role="admin" />;
  const header = (
    <PageHeader
      title="Data subjects"
      description="The people whose personal data the store holds, sealed under a key of each one's own. Erasing a subject deletes that key: their personal fields read as null from then on, while every event and hash stays. See docs/compliance.md."
    />
  );
  const parsed = parseSearchParams(query, await searchParams);
  if (!parsed.ok) {
    return (
      <>
        {header}
        <InputNotice error={parsed.error} resetHref="/subjects" resetLabel="Show all subjects" />
      </>
    );
  }
  const { offset, email, ...order } = parsed.data;
  const limit = DEFAULT_PAGE_SIZE;
  const { subjects, total } = await (
    await getChronicle()
  ).listSubjects({ actor, ...order, email, limit, offset });
  const erased = subjects.filter((s) => s.erasedAt).length;
  return (
    <>
      {header}
      <Card>
        <CardHeader>
          <CardTitle>Subjects</CardTitle>
          <span className="text-xs text-zinc-500">
            {total} {plural(total, 'subject')}
          </span>
        </CardHeader>
        <div className="border-b border-zinc-200 px-4 py-3">
          {/* The address is never stored: it is looked up by the keyed pseudonym it gives. */}
          <FilterForm key={email ?? ''} action="/subjects" clearHref="/subjects">
            <Field label="Find by e-mail address">
              <Input
                name="email"
                type="email"
                defaultValue={email}
                placeholder="e.g. researcher@lab.example"
                className="w-72"
              />
            </Field>
          </FilterForm>
        </div>
        {subjects.length === 0 ? (
          <EmptyState
            title={
              email
                ? `No subject for ${email}`
                : offset
                  ? 'No subjects on this page'
                  : 'No data subjects yet'
            }
            icon={UserX}
          >
            {email ? (
              'No event holds personal data of this address, or it was never named.'
            ) : offset ? (
              <Link href={listHref(order)} className="underline">
                Back to the first page
              </Link>
            ) : (
              'A subject appears here when an event holds their personal data: a workflow with a requester, a step about a person, or an append naming metadata.subjectId.'
            )}
          </EmptyState>
        ) : (
          <>
            <SubjectTable
              subjects={subjects}
              order={order}
              sortHref={(next) => listHref(next, 0, email)}
              erase={eraseSubject}
            />
            <ListFooter
              summary={`Subjects ${offset + 1}–${offset + subjects.length} of ${total}; ${erased} on this page erased`}
              firstHref={offset > 0 ? listHref(order, 0, email) : undefined}
              previousHref={
                offset > 0 ? listHref(order, Math.max(0, offset - limit), email) : undefined
              }
              nextHref={offset + limit < total ? listHref(order, offset + limit, email) : undefined}
            />
          </>
        )}
      </Card>
    </>
  );
}
