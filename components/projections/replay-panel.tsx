'use client';

import { Ban, Radio, RefreshCw, X } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { useReplayProgress, type ProgressSource } from '@/hooks/use-replay-progress';
import type { ReplayStatus, ReplayView } from '@/lib/projections/views';
import { count } from '../format';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Button, buttonClasses } from '../ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import type { CancelReplay } from './action-types';
import { ProgressBar, type ProgressTone } from './progress-bar';
import { eta, isFinal, MODE_LABEL, percentDone, rate } from './replay-figures';
import { ReplayStatusBadge } from './status-badges';

const barTone: Record<ReplayStatus, ProgressTone> = {
  queued: 'neutral',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'amber',
};

const SOURCE_LABEL: Record<ProgressSource, string> = {
  stream: 'Live',
  polling: 'Live stream lost: reading every second',
  done: 'Ended',
};

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-sm font-medium text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}

function CancelButton({ replay, cancel }: { replay: ReplayView; cancel: CancelReplay }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const asked = replay.cancelRequested && !isFinal(replay.status);
  return (
    <span className="inline-flex items-center gap-2">
      {error && <Badge tone="red">{error}</Badge>}
      <Button
        size="sm"
        disabled={pending || asked || isFinal(replay.status)}
        onClick={() =>
          startTransition(async () => {
            const answer = await cancel(replay.replayId);
            setError(answer.ok ? null : answer.error);
          })
        }
      >
        <Ban className="size-3.5" aria-hidden />
        {asked || pending ? 'Cancelling…' : 'Cancel replay'}
      </Button>
    </span>
  );
}

/**
 * A replay followed live: how far it has got, how fast, and when it should end. When it ends
 * the page is read again, so the table and the history show the outcome.
 */
export function ReplayPanel({
  initial,
  listedActive,
  cancel,
  closeHref,
}: {
  initial: ReplayView;
  /**
   * The page's table was read while this replay was still active. The replay is read after the
   * table, so it may have ended in between: then the page is read again at once.
   */
  listedActive: boolean;
  /** Absent for those who may not cancel. */
  cancel?: CancelReplay;
  closeHref: string;
}) {
  const router = useRouter();
  const { replay, source, pollError } = useReplayProgress(initial);
  const final = isFinal(replay.status);
  const refreshed = useRef(isFinal(initial.status) && !listedActive);
  useEffect(() => {
    if (final && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [final, router]);
  const percent = percentDone(replay);
  const title = `${MODE_LABEL[replay.mode]} of ${replay.projection}`;
  return (
    <Card
      className="mb-5"
      aria-label={`Replay of ${replay.projection}`}
      data-testid="replay-panel"
      data-replay-id={replay.replayId}
    >
      <CardHeader>
        <div className="flex items-center gap-2">
          <RefreshCw
            className={final ? 'size-4 text-zinc-500' : 'size-4 animate-spin text-sky-600'}
            aria-hidden
          />
          <CardTitle>{title}</CardTitle>
          <ReplayStatusBadge status={replay.status} />
          <span className="text-xs text-zinc-500">launched by {replay.launchedBy}</span>
        </div>
        <div className="flex items-center gap-3">
          <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
            {source === 'stream' && <Radio className="size-3.5 text-emerald-600" aria-hidden />}
            {SOURCE_LABEL[source]}
          </span>
          {cancel && !final && <CancelButton replay={replay} cancel={cancel} />}
          {final && (
            <Link href={closeHref} className={buttonClasses({ size: 'sm', variant: 'ghost' })}>
              <X className="size-3.5" aria-hidden />
              Close
            </Link>
          )}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex items-center gap-4">
          <ProgressBar percent={percent} label={title} tone={barTone[replay.status]} />
          <span
            className="w-16 shrink-0 text-right text-sm font-semibold text-zinc-900 tabular-nums"
            data-testid="replay-percent"
          >
            {percent}%
          </span>
        </div>
        <dl className="flex flex-wrap gap-x-10 gap-y-3">
          <Figure label="Events">
            <span data-testid="replay-processed">
              {count(replay.processed)} of {count(replay.total)}
            </span>
          </Figure>
          <Figure label="Rate">{rate(replay.eventsPerSecond)}</Figure>
          <Figure label="Time left">{eta(replay)}</Figure>
          <Figure label="Started">
            {replay.startedAt ? <Timestamp value={replay.startedAt} /> : 'waiting for a worker'}
          </Figure>
          <Figure label="Finished">
            <span data-testid="replay-finished">
              {replay.finishedAt ? <Timestamp value={replay.finishedAt} /> : '—'}
            </span>
          </Figure>
        </dl>
        {replay.error && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{replay.error}</p>
        )}
        {pollError && (
          <p role="alert" className="text-sm text-red-700">
            {pollError.message}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
