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
      : status === 'success' && data?.database.connected
        ? 'ok'
        : 'down';
  const label = { checking: 'Checking database…', ok: 'Database ok', down: 'Database unavailable' }[
    state
  ];
  const detail =
    state === 'ok' && data?.status === 'ok'
      ? `${data.database.embedded ? 'Embedded PostgreSQL' : 'PostgreSQL'}, ${data.database.latencyMs} ms`
      : undefined;
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
          state === 'down' && 'bg-red-500',
          state === 'checking' && 'bg-zinc-500',
        )}
      />
      <span className={cn(state === 'down' && 'text-red-300')}>{label}</span>
    </div>
  );
}
