'use client';

import { Eraser } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import type { Result } from '@/lib/console/result';

type Cleanup = Result<{ removed: number; kept: number }>;

function Verdict({ result }: { result: Cleanup }) {
  if (!result.ok) return <Badge tone="red">{result.error}</Badge>;
  const { removed, kept } = result.data;
  return (
    <Badge tone="green" title={`The newest ${kept} snapshots of each stream are kept`}>
      Removed {removed} {removed === 1 ? 'snapshot' : 'snapshots'}
    </Badge>
  );
}

export function CleanupButton({ cleanup }: { cleanup: () => Promise<Cleanup> }) {
  const [result, setResult] = useState<Cleanup | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setResult(await cleanup());
    });
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      {result && !pending && <Verdict result={result} />}
      <Button onClick={run} disabled={pending}>
        <Eraser className="size-4" aria-hidden />
        {pending ? 'Cleaning up…' : 'Run cleanup now'}
      </Button>
    </div>
  );
}
