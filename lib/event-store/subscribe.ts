import { isDatabaseUnavailable } from '../database-unavailable';
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

/** After a lost connection the first retry comes at once, then waits double from 100 ms up to `pollMs`. */
const FIRST_RETRY_MS = 50;

/**
 * Catches up from a position, then follows live appends. It reads the same gap-safe `$all` as
 * readAll, so it never skips an event committed late, and wakes on NOTIFY or after `pollMs`.
 * A read that fails because the database went away (a restart, a terminated connection) is
 * retried from the last delivered position, so nothing is skipped or delivered twice.
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
  let failures = 0;
  while (!signal?.aborted) {
    let page: Awaited<ReturnType<typeof readAll>>;
    try {
      page = await readAll(ctx, { ...filter, after: position, limit: batchSize });
      failures = 0;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const waitMs = failures === 0 ? 0 : Math.min(pollMs, FIRST_RETRY_MS * 2 ** failures);
      failures++;
      await pause(waitMs, signal);
      continue;
    }
    for (const event of page.events) {
      if (signal?.aborted) return;
      // A page answers events after `position` only; one at or below it would be delivered
      // twice. Seen once in CI, when connections were being terminated mid-read.
      if (event.position <= position) continue;
      await onEvent(event);
    }
    // Only forward, for the same reason: a repeated page must not move the position back.
    if (page.lastPosition > position) {
      position = page.lastPosition;
      await onCheckpoint?.(position);
    }
    if (page.events.length < batchSize) await ctx.notifier.waitForAppend(pollMs, signal);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
