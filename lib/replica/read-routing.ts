import type postgres from 'postgres';
import type { Actor } from '../actor';
import { isDatabaseUnavailable } from '../database-unavailable';
import { parseLsn } from './lsn';

export type ReplicaStatus =
  | { configured: false }
  | { configured: true; serving: true; replayLagSeconds: number | null }
  | { configured: true; serving: false; error: string };

export type ReadRouting = {
  /** Whether this caller's heavy reads may go to the replica now. */
  useReplica: (actor: Actor) => Promise<boolean>;
  /** After a caller's write: its reads stay on the primary until the replica has replayed it. */
  noteWrite: (actor: Actor) => void;
  /**
   * Whether the replica has replayed everything the primary had written when asked, waiting up
   * to `waitMs` for it: for a read that must see what was just written (an evidence file's digest).
   */
  caughtUp: (waitMs: number) => Promise<boolean>;
  /** The replica failed a read: the primary serves reads for a while. */
  noteFailure: (error: unknown) => void;
  status: () => Promise<ReplicaStatus>;
};

type Options = {
  primary: postgres.Sql;
  replica: postgres.Sql;
  /** How long a replayed WAL location read from the replica is trusted. */
  freshMs?: number;
  /** How long the primary serves every read after the replica failed. */
  retryMs?: number;
  /** How long `status` waits for the replica. */
  statusTimeoutMs?: number;
  /** Callers whose writes are remembered (beyond it, the oldest replayed ones are forgotten). */
  maxMarks?: number;
};

type Probe = { lsn: bigint; lagSeconds: number | null };

/**
 * Decides, per caller, whether a heavy read may go to the streaming replica. Read-your-writes:
 * after a caller's write the primary's WAL location (`pg_current_wal_lsn()`, taken once the write
 * has committed, so at or past its commit record) is remembered for that caller; its reads go
 * to the replica again only once the replica has replayed that far (`pg_last_wal_replay_lsn()`).
 * This holds however far the replica lags, and costs one small query per write and, at most
 * once per `freshMs`, one on the replica. The memory is per process: with several app
 * processes, route a caller's requests to one process, or the guarantee is per process.
 */
export function createReadRouting({
  primary,
  replica,
  freshMs = 200,
  retryMs = 5000,
  statusTimeoutMs = 1000,
  maxMarks = 10_000,
}: Options): ReadRouting {
  const marks = new Map<string, Promise<bigint | null>>();
  let replayed: (Probe & { at: number }) | undefined;
  let failed: { error: string; at: number } | undefined;
  let probing: Promise<Probe | null> | undefined;

  const principal = (actor: Actor) => `${actor.via}:${actor.id}`;

  function probe(): Promise<Probe | null> {
    probing ??= replica<{ lsn: string | null; lag: number | null }[]>`
      select pg_last_wal_replay_lsn()::text as lsn,
        extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`
      .then(([row]) => {
        // A server that is not replaying WAL cannot say how far it has come.
        if (!row?.lsn) throw new Error('not a streaming replica');
        const result = { lsn: parseLsn(row.lsn), lagSeconds: row.lag };
        replayed = { ...result, at: Date.now() };
        failed = undefined;
        return result;
      })
      .catch((error: unknown) => {
        noteFailure(error);
        return null;
      })
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }

  function noteFailure(error: unknown) {
    failed = { error: kindOf(error), at: Date.now() };
    replayed = undefined;
  }

  async function replayedLsn(): Promise<bigint | null> {
    if (failed && Date.now() - failed.at < retryMs) return null;
    if (replayed && Date.now() - replayed.at < freshMs) return replayed.lsn;
    return (await probe())?.lsn ?? null;
  }

  return {
    async useReplica(actor) {
      const current = await replayedLsn();
      if (current === null) return false;
      const key = principal(actor);
      const mark = marks.get(key);
      if (!mark) return true;
      const written = await mark;
      const caughtUp =
        written !== null && (current >= written || ((await probe())?.lsn ?? 0n) >= written);
      if (caughtUp && marks.get(key) === mark) marks.delete(key);
      return caughtUp;
    },
    noteWrite(actor) {
      const key = principal(actor);
      marks.delete(key);
      marks.set(
        key,
        primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`.then(
          ([row]) => (row ? parseLsn(row.lsn) : null),
          // Unknown: this caller's reads stay on the primary until it writes again.
          () => null,
        ),
      );
      // A Map iterates in insertion order: the first entry is the oldest write.
      if (marks.size > maxMarks) marks.delete(marks.keys().next().value!);
    },
    async caughtUp(waitMs) {
      const until = Date.now() + waitMs;
      const [row] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      const target = parseLsn(row!.lsn);
      for (;;) {
        const current = await replayedLsn();
        if (current === null) return false;
        if (current >= target) return true;
        if (Date.now() >= until) return false;
        await new Promise((resolve) => setTimeout(resolve, freshMs));
      }
    },
    noteFailure,
    async status() {
      // Health answers within its own deadline: a replica that does not answer is not serving.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), statusTimeoutMs);
      });
      const result = await Promise.race([probe(), late]).finally(() => clearTimeout(timer));
      if (!result) return { configured: true, serving: false, error: failed?.error ?? 'no answer' };
      const lag = result.lagSeconds === null ? null : Math.round(result.lagSeconds * 1000) / 1000;
      return { configured: true, serving: true, replayLagSeconds: lag };
    },
  };
}

/** Names the kind of failure (health answers need no token, so no hosts or messages). */
function kindOf(error: unknown): string {
  if (error instanceof Error && error.message === 'not a streaming replica') return error.message;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string') return code;
  return isDatabaseUnavailable(error) ? 'unreachable' : 'failed';
}
