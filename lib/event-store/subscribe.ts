import type { StoreContext } from './context';
import { readAll, type AllFilter } from './read-all';
import type { RecordedEvent, WithActor } from './types';

export type SubscribeParams = WithActor<
  AllFilter & {
    /** Exclusive: the subscription delivers events after this position. */
    after?: number;
    onEvent: (event: RecordedEvent) => Promise<void> | void;
    /** Called after each page with the position everything up to which has been delivered. */
    onCheckpoint?: (position: number) => Promise<void> | void;
    signal?: AbortSignal;
    batchSize?: number;
    /** Fallback polling interval when no notification arrives. */
    pollMs?: number;
  }
>;

/**
 * Catches up from a position, then follows live appends. It reads the same gap-safe `$all` as
 * readAll, so it never skips an event committed late, and wakes on NOTIFY or after `pollMs`.
 * Resolves when `signal` aborts; rejects when `onEvent` throws.
 */
export async function subscribe(ctx: StoreContext, params: SubscribeParams): Promise<void> {
  const {
    signal,
    batchSize = 500,
    pollMs = 1000,
    onEvent,
    onCheckpoint,
    after,
    ...filter
  } = params;
  let position = after ?? 0;
  while (!signal?.aborted) {
    const page = await readAll(ctx, { ...filter, after: position, limit: batchSize });
    for (const event of page.events) {
      if (signal?.aborted) return;
      await onEvent(event);
    }
    if (page.lastPosition !== position) {
      position = page.lastPosition;
      await onCheckpoint?.(position);
    }
    if (page.events.length < batchSize) await ctx.notifier.waitForAppend(pollMs, signal);
  }
}
