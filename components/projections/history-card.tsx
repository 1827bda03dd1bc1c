import { History } from 'lucide-react';
import Link from 'next/link';
import type { Result } from '@/lib/console/result';
import type { ReplayView } from '@/lib/projections/views';
import { EmptyState } from '../empty-state';
import { ListFooter } from '../list-footer';
import { Notice } from '../notice';
import { Card, CardHeader, CardTitle } from '../ui/card';
import { projectionsHref, type ProjectionSort } from './page-query';
import { ReplayHistory } from './replay-history';

type Page = { replays: ReplayView[]; nextCursor: string | null; previousCursor: string | null };

/** Past and current replays, newest first, a page at a time. */
export function HistoryCard({
  page,
  sort,
  cursor,
}: {
  page: Result<Page>;
  sort: ProjectionSort;
  cursor?: string;
}) {
  const first = projectionsHref({ sort });
  return (
    <Card aria-labelledby="history-title">
      <CardHeader>
        <CardTitle id="history-title">Replay history</CardTitle>
        <span className="text-xs text-zinc-500">Full rebuilds and incremental replays</span>
      </CardHeader>
      {!page.ok ? (
        <div className="p-4">
          <Notice title="This page of the history cannot be shown">
            <p>{page.error}</p>
            <Link href={first} className="underline">
              Start from the newest replays
            </Link>
          </Notice>
        </div>
      ) : page.data.replays.length === 0 ? (
        <EmptyState title={cursor ? 'No older replays' : 'No replays yet'} icon={History}>
          A rebuild or a resume launched here or through the REST API is listed here.
        </EmptyState>
      ) : (
        <>
          <ReplayHistory
            replays={page.data.replays}
            watchHref={(replay) => projectionsHref({ sort, replay, cursor })}
          />
          <ListFooter
            summary={`${page.data.replays.length} replays on this page, newest first`}
            firstHref={cursor ? first : undefined}
            previousHref={
              page.data.previousCursor
                ? projectionsHref({ sort, cursor: page.data.previousCursor })
                : undefined
            }
            nextHref={
              page.data.nextCursor
                ? projectionsHref({ sort, cursor: page.data.nextCursor })
                : undefined
            }
          />
        </>
      )}
    </Card>
  );
}
