import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { FailuresCard } from '@/components/projections/failures-card';
import { HistoryCard } from '@/components/projections/history-card';
import { projectionPageQuery, projectionsHref } from '@/components/projections/page-query';
import { ProjectionTable } from '@/components/projections/projection-table';
import { ReplayPanel } from '@/components/projections/replay-panel';
import { sortProjections } from '@/components/projections/sort-projections';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { can, type Actor } from '@/lib/actor';
import {
  parseSearchParams,
  readFromInput,
  type RawSearchParams,
} from '@/lib/console/search-params';
import { isChronicleError } from '@/lib/errors';
import type { ProjectionView } from '@/lib/projections/views';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { cancelReplay, retryFailure, skipFailure, startReplay } from './actions';

export const metadata: Metadata = { title: 'Projections' };

const HISTORY_PAGE = 20;

/** The replay asked for in the URL (null when there is none by that id), and every active one. */
async function replaysToShow(actor: Actor, asked: string | undefined, list: ProjectionView[]) {
  const { replays } = await getChronicle();
  const active = list.flatMap((projection) => projection.activeReplayId ?? []);
  const ids = [...new Set([...(asked ? [asked] : []), ...active])];
  const found = await Promise.all(
    ids.map((replayId) =>
      replays.get({ actor, replayId }).catch((error: unknown) => {
        if (isChronicleError(error, 'not_found')) return null;
        throw error;
      }),
    ),
  );
  return { shown: found.filter((replay) => replay !== null), missing: Boolean(asked) && !found[0] };
}

export default async function ProjectionsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const operator = can(actor, 'operator');
  const parsed = parseSearchParams(projectionPageQuery, await searchParams);
  const header = (
    <PageHeader
      title="Projections"
      description="Read models kept from the event log: how far each has got, how far behind it is, and the events it could not apply. A rebuild replays every event into fresh tables swapped in when done; a resume applies what an async projection has not yet read."
    />
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <Notice title="This address is not valid">
          <p>{parsed.error}</p>
          <Link href="/projections" className="underline">
            Show the projections
          </Link>
        </Notice>
      </>
    );
  }
  const { sort, replay, cursor } = parsed.data;
  const { projections, replays } = await getChronicle();
  const list = sortProjections(await projections.list({ actor }), sort);
  const [groups, history, panels] = await Promise.all([
    Promise.all(
      list.map(async ({ name, policy }) => ({
        projection: name,
        policy,
        failures: await projections.failures({ actor, projection: name }),
      })),
    ),
    readFromInput(() => replays.list({ actor, cursor, limit: HISTORY_PAGE })),
    replaysToShow(actor, replay, list),
  ]);
  const closeHref = projectionsHref({ sort, cursor });
  return (
    <>
      {header}
      {panels.missing && (
        <div className="mb-5">
          <Notice title="There is no replay with this id">
            <Link href={closeHref} className="underline">
              Show the projections
            </Link>
          </Notice>
        </div>
      )}
      {panels.shown.map((shown) => (
        <ReplayPanel
          key={shown.replayId}
          initial={shown}
          listedActive={list.some((projection) => projection.activeReplayId === shown.replayId)}
          cancel={operator ? cancelReplay : undefined}
          closeHref={closeHref}
        />
      ))}
      <Card className="mb-5">
        <CardHeader>
          <CardTitle>Read models</CardTitle>
          <span className="text-xs text-zinc-500">
            Inline projections are written with each append; async ones follow the log
          </span>
        </CardHeader>
        <ProjectionTable
          projections={list}
          sort={sort}
          start={operator ? startReplay : undefined}
        />
      </Card>
      <FailuresCard
        groups={groups}
        actions={operator ? { retry: retryFailure, skip: skipFailure } : undefined}
      />
      <HistoryCard page={history} sort={sort} cursor={cursor} />
    </>
  );
}
