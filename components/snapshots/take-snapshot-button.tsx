'use client';

import { Camera } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import type { Result } from '@/lib/console/result';

type Taken = Result<{ streamId: string; version: number }>;

/** Stores a snapshot of the stream's current state; the list beside it refreshes on success. */
export function TakeSnapshotButton({ take }: { take: () => Promise<Taken> }) {
  const [result, setResult] = useState<Taken | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      {result &&
        !pending &&
        (result.ok ? (
          <Badge tone="green">Snapshot taken at version {result.data.version}</Badge>
        ) : (
          <Badge tone="red">{result.error}</Badge>
        ))}
      <Button
        variant="primary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setResult(await take());
          })
        }
      >
        <Camera className="size-4" aria-hidden />
        {pending ? 'Taking a snapshot…' : 'Take a snapshot now'}
      </Button>
    </div>
  );
}
