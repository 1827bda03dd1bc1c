import type postgres from 'postgres';

export const APPEND_CHANNEL = 'chronicle_events';
const COALESCE_MS = 5;

/**
 * Tells subscribers that new events may be readable. NOTIFY inside the append's transaction
 * would serialise commits on the notification queue lock, so this notifies after commit, at
 * most once per few milliseconds however many appends happened. Subscribers also poll, since
 * a crash between commit and notify loses the notification.
 */
export class AppendNotifier {
  private timer: NodeJS.Timeout | undefined;
  private waiters = new Set<() => void>();
  private listening: Promise<unknown> | undefined;

  constructor(private readonly sql: postgres.Sql) {}

  appended(): void {
    this.wake();
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Its own transaction, which need not wait for the WAL flush: a notification lost in a
      // crash is made up for by the subscribers' polling.
      this.sql`
        select set_config('synchronous_commit', 'off', true), pg_notify(${APPEND_CHANNEL}, '')`.catch(
        () => {},
      );
    }, COALESCE_MS);
    this.timer.unref();
  }

  /** Resolves at the next append seen (here or by another process), or after `timeoutMs`. */
  async waitForAppend(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.listening ??= this.sql
      .listen(APPEND_CHANNEL, () => this.wake())
      .catch(() => {
        this.listening = undefined;
      });
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
