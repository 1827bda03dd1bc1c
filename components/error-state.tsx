'use client';

import { CircleAlert } from 'lucide-react';
import { Button } from './ui/button';
import { Card } from './ui/card';

/**
 * The fallback of a route's error boundary. In production the server's message is withheld by
 * Next, so the digest is what ties this screen to the server log.
 */
export function ErrorState({
  title,
  error,
  retry,
}: {
  title: string;
  error: unknown;
  retry: () => void;
}) {
  const digest =
    error instanceof Error && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;
  return (
    <Card role="alert" className="mx-auto mt-8 max-w-xl p-6">
      <div className="flex gap-3">
        <CircleAlert className="mt-0.5 size-5 shrink-0 text-red-600" aria-hidden />
        <div className="flex flex-col gap-2">
          <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
          <p className="text-sm text-zinc-600">
            The server could not read from the store. If the database health indicator is red, wait
            for it to turn green, then try again.
          </p>
          {digest && <p className="font-mono text-xs text-zinc-500">Error reference: {digest}</p>}
          <div>
            <Button onClick={retry}>Try again</Button>
          </div>
        </div>
      </div>
    </Card>
  );
}
