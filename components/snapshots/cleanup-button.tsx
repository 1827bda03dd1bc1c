'use client';

import { Eraser } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Badge } from '../ui/badge';
import { ConfirmButton } from '../ui/confirm-dialog';
import type { Result } from '@/lib/console/result';
import { plural } from '../format';

type Cleanup = Result<{ removed: number; kept: number }>;

function Verdict({ result }: { result: Cleanup }) {
  if (!result.ok) return <Badge tone="red">{result.error}</Badge>;
  const { removed, kept } = result.data;
  return (
    <Badge tone="green" title={`The newest ${kept} snapshots of each stream are kept`}>
      Removed {removed} {plural(removed, 'snapshot')}
    </Badge>
  );
}

/** Deletes old snapshots after the user confirms; `keep` is how many of each stream stay. */
export function CleanupButton({
  cleanup,
  keep,
}: {
  cleanup: () => Promise<Cleanup>;
  keep: number;
}) {
  const [result, setResult] = useState<Cleanup | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setResult(await cleanup());
    });
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      {result && !pending && <Verdict result={result} />}
      <ConfirmButton
        title="Delete old snapshots now?"
        description={
          <>
            <p>
              Every stream keeps its newest {keep} {plural(keep, 'snapshot')}; all older ones are
              deleted for good.
            </p>
            <p className="mt-2">
              Events are not touched: a state whose snapshot is gone is rebuilt from the log, at the
              cost of reading more events.
            </p>
          </>
        }
        confirmLabel="Delete old snapshots"
        onConfirm={run}
        disabled={pending}
      >
        <Eraser className="size-4" aria-hidden />
        {pending ? 'Cleaning up…' : 'Run cleanup now'}
      </ConfirmButton>
    </div>
  );
}
