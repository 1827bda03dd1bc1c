'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import type { Result } from '@/lib/console/result';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';

/** A button running a server action, then refreshing the page; a refusal shows beside it. */
export function ActionButton<T>({
  action,
  children,
  onDone,
  variant,
}: {
  action: () => Promise<Result<T>>;
  children: ReactNode;
  onDone?: (data: T) => void;
  variant?: 'primary' | 'secondary';
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const answer = await action();
      if (!answer.ok) return setError(answer.error);
      setError(null);
      onDone?.(answer.data);
      router.refresh();
    });
  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <Badge tone="red" role="alert" className="max-w-96 whitespace-normal">
          {error}
        </Badge>
      )}
      <Button size="sm" variant={variant} disabled={pending} onClick={run}>
        {children}
      </Button>
    </span>
  );
}
