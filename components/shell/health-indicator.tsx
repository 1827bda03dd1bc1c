'use client';

import { useHealth } from '@/hooks/use-health';
import type { Health } from '@/lib/health';
import { cn } from '../ui/cn';

/** What the sidebar says of the database, from the last health check (or its failure). */
export function databaseIndicator({
  data,
  status,
}: {
  data?: Health;
  status: 'pending' | 'error' | 'success';
}) {
  const state =
    status === 'pending'
      ? 'checking'
      : status === 'success' && data?.status === 'ok'
        ? data.database.horizonStalled
          ? 'stalled'
          : 'ok'
        : 'down';
  const age = data?.status === 'ok' ? data.database.oldestTransactionAgeSeconds : 0;
  const label = {
    checking: 'Checking database…',
    ok: 'Database ok',
    stalled: `Log held back ${Math.floor(age)} s`,
    down: 'Database unavailable',
  }[state];
  const detail =
    data?.status !== 'ok'
      ? undefined
      : state === 'stalled'
        ? `A transaction open for ${age.toFixed(1)} s holds back $all readers and subscriptions; the Dashboard names it`
        : `${data.database.embedded ? 'Embedded PostgreSQL' : 'PostgreSQL'}, ${data.database.latencyMs} ms`;
  return { state, label, detail };
}

export function HealthIndicator() {
  const { state, label, detail } = databaseIndicator(useHealth());
  return (
    <div role="status" title={detail} className="flex items-center gap-2 text-xs text-zinc-400">
      <span
        aria-hidden
        className={cn(
          'size-2 rounded-full',
          state === 'ok' && 'bg-emerald-400',
          state === 'stalled' && 'bg-amber-400',
          state === 'down' && 'bg-red-500',
          state === 'checking' && 'bg-zinc-500',
        )}
      />
      <span
        className={cn(state === 'down' && 'text-red-300', state === 'stalled' && 'text-amber-300')}
      >
        {label}
      </span>
    </div>
  );
}
