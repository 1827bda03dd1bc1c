import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreContext } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import type { Projection } from './projection';
import { step, type StepOptions } from './runner';

export type FollowOptions = StepOptions & {
  signal: AbortSignal;
  /** Fallback polling interval when no notification arrives. */
  pollMs?: number;
  onApplied?: (projection: Projection, events: RecordedEvent[]) => void;
  onError?: (projection: Projection, error: unknown) => void;
};

/**
 * Keeps an async projection current: batches until caught up, then waits for the store's
 * notification of new events, or `pollMs` (another process's runner may hold the projection,
 * and a notification can be lost). While another runner holds it, or it stopped on a failure,
 * only the poll tries again: with several app processes, the ones not holding it would
 * otherwise try its lock at every append they see.
 */
export async function follow(
  ctx: StoreContext,
  projection: Projection,
  { signal, pollMs = 1000, onApplied, onError, ...options }: FollowOptions,
): Promise<void> {
  while (!signal.aborted) {
    let more = false;
    let notOurs = false;
    try {
      const result = await step(ctx, projection, options);
      if (result.outcome === 'advanced') {
        more = result.more;
        if (result.applied.length) onApplied?.(projection, result.applied);
      }
      notOurs = result.outcome === 'busy' || result.outcome === 'stopped';
    } catch (error) {
      onError?.(projection, error);
    }
    if (more) continue;
    // A holder that dies loses its lock with its connection; the poll finds it free.
    if (notOurs) await sleep(pollMs, undefined, { signal }).catch(() => {});
    else await ctx.notifier.waitForAppend(pollMs, signal);
  }
}
