import type postgres from 'postgres';

export const APPEND_CHANNEL = 'chronicle_events';
const COALESCE_MS = 5;
/** How long commits wait for a carrier under way before they are announced apart. */
const CARRIER_WAIT_MS = 100;

/** The notification, in whichever statement or transaction carries it. */
export const NOTIFY_SQL = `pg_notify('${APPEND_CHANNEL}', '')`;

/**
 * Tells subscribers that new events may be readable, at most about once per few milliseconds
 * however many appends happened. A plain append carries the notification in its own statement
 * when none went out for a while (`carry`): no extra round trip, and a commit that notifies
 * waits on the notification queue's lock only once per few milliseconds. Appends that did not
 * carry one are announced by the next carrier that started after they committed, or else by a
 * notification of their own a few milliseconds later (at most 100 ms when such a carrier is
 * held up). Subscribers also poll, since a crash between commit and notify loses the
 * notification.
 */
export class AppendNotifier {
  private timer: NodeJS.Timeout | undefined;
  private waiters = new Set<() => void>();
  private listening: Promise<unknown> | undefined;
  /** When the latest append that carries a notification started. */
  private carrierStarted = -Infinity;
  /** Every commit before this instant is announced: a carrier that started then committed. */
  private announcedUntil = -Infinity;
  /** When the latest commit not yet known to be announced was seen. */
  private unannounced = -Infinity;

  constructor(private readonly sql: postgres.Sql) {}

  /**
   * Whether an append starting now should notify in its own statement: its start time if so
   * (give it to `appended`), else null.
   */
  carry(): number | null {
    const now = performance.now();
    if (now - this.carrierStarted < COALESCE_MS) return null;
    this.carrierStarted = now;
    return now;
  }

  /**
   * Events were committed. `carriedFrom` is the start time `carry` gave the append, when its
   * committed statement carried the notification; null when nothing announced these events.
   */
  appended(carriedFrom: number | null = null): void {
    this.wake();
    if (carriedFrom !== null) {
      this.announcedUntil = Math.max(this.announcedUntil, carriedFrom);
      return;
    }
    this.carryFailed();
  }

  /** An append given a start time by `carry` committed no notification: announce apart. */
  carryFailed(): void {
    this.unannounced = performance.now();
    this.schedule();
  }

  private schedule(since = performance.now()): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.announcedUntil >= this.unannounced) return;
      // A carrier under way will announce them when it commits, or say that it failed; but one
      // can be held up for as long as a lock it waits for (an open transaction on its stream).
      const carrierUnderWay = this.carrierStarted >= this.unannounced;
      if (carrierUnderWay && performance.now() - since < CARRIER_WAIT_MS) {
        return this.schedule(since);
      }
      this.announcedUntil = performance.now();
      // Its own transaction, which need not wait for the WAL flush: a notification lost in a
      // crash is made up for by the subscribers' polling.
      this
        .sql`select set_config('synchronous_commit', 'off', true), ${this.sql.unsafe(NOTIFY_SQL)}`.catch(
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
