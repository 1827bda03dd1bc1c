import type postgres from 'postgres';
import type { Queryable } from '../event-store/context';
import { notFound } from '../errors';
import { findReplay, REPLAY_CHANNEL, toReplayView } from './replay-rows';
import { FINAL_REPLAY_STATUSES, type ReplayView } from './views';

type Wakers = Map<string, Set<() => void>>;
const listeners = new WeakMap<postgres.Sql, { wakers: Wakers; listening: Promise<unknown> }>();

/** One LISTEN per pool, shared by every watcher of every replay in the process. */
function wakersOf(pool: postgres.Sql): Wakers {
  let entry = listeners.get(pool);
  if (!entry) {
    const wakers: Wakers = new Map();
    const listening = pool
      .listen(REPLAY_CHANNEL, (id) => wakers.get(id)?.forEach((wake) => wake()))
      .catch(() => listeners.delete(pool));
    entry = { wakers, listening };
    listeners.set(pool, entry);
  }
  return entry.wakers;
}

/**
 * Calls `onChange` with the replay as it is now, then at each change (NOTIFY, or a poll every
 * `pollMs` in case one was lost), until it reaches a final status or `signal` aborts.
 */
export async function watchReplay(
  pool: postgres.Sql,
  replayId: string,
  {
    onChange,
    signal,
    pollMs = 1000,
  }: { onChange: (view: ReplayView) => void; signal: AbortSignal; pollMs?: number },
): Promise<void> {
  const wakers = wakersOf(pool);
  let wake = () => {};
  const waker = () => wake();
  const set = wakers.get(replayId) ?? new Set();
  set.add(waker);
  wakers.set(replayId, set);
  let last = '';
  try {
    while (!signal.aborted) {
      const row = await findReplay(pool as unknown as Queryable, replayId);
      if (!row) throw notFound(`Replay ${replayId} does not exist`);
      const view = toReplayView(row);
      const text = JSON.stringify(view);
      if (text !== last) {
        last = text;
        onChange(view);
      }
      if (FINAL_REPLAY_STATUSES.includes(view.status)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        signal.addEventListener('abort', done, { once: true });
        wake = done;
      });
    }
  } finally {
    set.delete(waker);
    if (!set.size) wakers.delete(replayId);
  }
}
