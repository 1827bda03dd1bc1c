import { Archive } from 'lucide-react';
import type { Metadata } from 'next';
import { z } from 'zod';
import { EmptyState } from '@/components/empty-state';
import { ActionButton } from '@/components/integrity/action-button';
import { ListFooter } from '@/components/list-footer';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { HoldForm } from '@/components/retention/hold-form';
import { HoldTable } from '@/components/retention/hold-table';
import { RuleForm } from '@/components/retention/rule-form';
import { RuleTable } from '@/components/retention/rule-table';
import { ScavengeSummary } from '@/components/retention/scavenge-summary';
import { TruncationTable } from '@/components/retention/truncation-table';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { can, type Actor } from '@/lib/actor';
import {
  hrefWith,
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { removeRule, saveRule, scavengeNow, setHold } from './actions';

export const metadata: Metadata = { title: 'Retention' };

const PER_PAGE = 20;
const cursor = z.string().max(1000).optional();
const pageQuery = z.object({ holds: cursor, anchors: cursor });
type PageQuery = z.output<typeof pageQuery>;

export default async function RetentionPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(pageQuery, await searchParams);
  const query: PageQuery = parsed.ok ? parsed.data : {};
  const { retention } = await getChronicle();
  const [rules, status] = await Promise.all([
    retention.rules({ actor }),
    retention.scavengeStatus({ actor }),
  ]);
  const admin = can(actor, 'admin');
  return (
    <>
      <PageHeader
        title="Retention"
        description="How long each category keeps its events. Expired events vanish from every read at once; the scavenger then removes them for good, leaving each stream a truncation anchor from which its remaining chain still verifies. A legal hold suspends retention for a stream."
      />
      <div className="flex flex-col gap-5">
        {!parsed.ok && <Notice title="This address is not valid">{parsed.error}</Notice>}
        <Card>
          <CardHeader>
            <CardTitle>Rules</CardTitle>
          </CardHeader>
          {rules.length === 0 ? (
            <EmptyState title="No retention rules" icon={Archive}>
              Every category keeps all its events.
              {admin && ' Set a rule below to let a category forget its oldest events.'}
            </EmptyState>
          ) : (
            <RuleTable rules={rules} remove={admin ? removeRule : undefined} />
          )}
          {admin && <RuleForm save={saveRule} />}
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Scavenger</CardTitle>
              <p className="text-xs text-zinc-500">
                Runs on the worker&apos;s schedule (CHRONICLE_SCAVENGE_CRON) and on demand.
              </p>
            </div>
            {can(actor, 'operator') && (
              <ActionButton action={scavengeNow} variant="primary">
                Scavenge now
              </ActionButton>
            )}
          </CardHeader>
          <ScavengeSummary status={status} />
        </Card>
        <HoldsCard actor={actor} query={query} admin={admin} />
        <AnchorsCard actor={actor} query={query} />
      </div>
    </>
  );
}

async function HoldsCard({
  actor,
  query,
  admin,
}: {
  actor: Actor;
  query: PageQuery;
  admin: boolean;
}) {
  const { retention } = await getChronicle();
  const page = await readFromInput(() =>
    retention.holds({ actor, cursor: query.holds, limit: PER_PAGE }),
  );
  const href = (holds: string | null | undefined) =>
    hrefWith('/retention', { ...query, holds: holds ?? undefined });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Legal holds</CardTitle>
      </CardHeader>
      {!page.ok ? (
        <div className="p-4">
          <Notice title={page.error} />
        </div>
      ) : page.data.holds.length === 0 ? (
        <EmptyState title="No stream is under legal hold">
          A held stream keeps every event, whatever its category&apos;s rule.
        </EmptyState>
      ) : (
        <>
          <HoldTable holds={page.data.holds} lift={admin ? setHold : undefined} />
          <ListFooter
            summary={`${page.data.holds.length} held streams, by stream id`}
            firstHref={query.holds ? href(null) : undefined}
            previousHref={page.data.previousCursor ? href(page.data.previousCursor) : undefined}
            nextHref={page.data.nextCursor ? href(page.data.nextCursor) : undefined}
          />
        </>
      )}
      {admin && <HoldForm place={setHold} />}
    </Card>
  );
}

async function AnchorsCard({ actor, query }: { actor: Actor; query: PageQuery }) {
  const { retention } = await getChronicle();
  const page = await readFromInput(() =>
    retention.truncations({ actor, cursor: query.anchors, limit: PER_PAGE }),
  );
  const href = (anchors: string | null | undefined) =>
    hrefWith('/retention', { ...query, anchors: anchors ?? undefined });
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Truncation anchors</CardTitle>
          <p className="text-xs text-zinc-500">
            Verify checks each of these streams from its anchor: the first remaining event links to
            the anchor&apos;s hash.
          </p>
        </div>
      </CardHeader>
      {!page.ok ? (
        <div className="p-4">
          <Notice title={page.error} />
        </div>
      ) : page.data.truncations.length === 0 ? (
        <EmptyState title="No events have been removed yet">
          The scavenger records an anchor here for each stream it shortens.
        </EmptyState>
      ) : (
        <>
          <TruncationTable truncations={page.data.truncations} />
          <ListFooter
            summary={`${page.data.truncations.length} streams, by stream id`}
            firstHref={query.anchors ? href(null) : undefined}
            previousHref={page.data.previousCursor ? href(page.data.previousCursor) : undefined}
            nextHref={page.data.nextCursor ? href(page.data.nextCursor) : undefined}
          />
        </>
      )}
    </Card>
  );
}
