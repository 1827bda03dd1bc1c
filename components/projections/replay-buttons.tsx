'use client';

import { FastForward, RotateCcw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ProjectionView, ReplayMode } from '@/lib/projections/views';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import type { StartReplay } from './action-types';
import { projectionsHref, type ProjectionSort } from './page-query';

/**
 * Rebuild (from the first event, into fresh tables swapped in at the end) and, for async
 * projections, Resume (from the checkpoint). Once launched, the page shows the replay's progress.
 */
export function ReplayButtons({
  projection,
  start,
  sort,
}: {
  projection: ProjectionView;
  start: StartReplay;
  /** The table's order, kept when the page turns to the replay's progress. */
  sort: ProjectionSort;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = pending || projection.activeReplayId !== null;
  const launch = (mode: ReplayMode) =>
    startTransition(async () => {
      const answer = await start(projection.name, mode);
      if (!answer.ok) {
        setError(answer.error);
        return;
      }
      setError(null);
      router.push(projectionsHref({ sort, replay: answer.data.replayId }), { scroll: false });
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-col items-stretch gap-1">
        <Button
          size="sm"
          disabled={busy}
          onClick={() => launch('full')}
          aria-label={`Rebuild ${projection.name}`}
          className="justify-center"
          title="Replay every event into fresh tables, swapped in when done"
        >
          <RotateCcw className="size-3.5" aria-hidden />
          Rebuild
        </Button>
        {projection.kind === 'async' && (
          <Button
            size="sm"
            disabled={busy}
            onClick={() => launch('incremental')}
            aria-label={`Resume ${projection.name}`}
            className="justify-center"
            title="Apply the events after its checkpoint"
          >
            <FastForward className="size-3.5" aria-hidden />
            Resume
          </Button>
        )}
      </div>
      {error && (
        <Badge tone="red" role="alert" className="max-w-56 whitespace-normal">
          {error}
        </Badge>
      )}
    </div>
  );
}
