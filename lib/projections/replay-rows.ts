import type { Queryable } from '../event-store/context';
import type { ReplayMode, ReplayStatus, ReplayView } from './views';

export const REPLAY_CHANNEL = 'chronicle_replays';

export type ReplayRow = {
  id: string;
  projection: string;
  mode: ReplayMode;
  status: ReplayStatus;
  processed: number;
  total: number;
  events_per_second: number;
  eta_seconds: number | null;
  position: number | null;
  cancel_requested: boolean;
  error: string | null;
  launched_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

export const toReplayView = (row: ReplayRow): ReplayView => ({
  replayId: row.id,
  projection: row.projection,
  mode: row.mode,
  status: row.status,
  processed: row.processed,
  total: row.total,
  eventsPerSecond: Math.round(row.events_per_second),
  etaSeconds: row.eta_seconds === null ? null : Math.round(row.eta_seconds * 10) / 10,
  createdAt: row.created_at.toISOString(),
  startedAt: row.started_at?.toISOString() ?? null,
  finishedAt: row.finished_at?.toISOString() ?? null,
  error: row.error,
  launchedBy: row.launched_by,
  cancelRequested: row.cancel_requested,
});

/** Tells every app process that a replay changed (its progress streams re-read it). */
export const notifyReplay = (sql: Queryable, id: string) =>
  sql`select pg_notify(${REPLAY_CHANNEL}, ${id})`;

export async function findReplay(sql: Queryable, id: string): Promise<ReplayRow | undefined> {
  const [row] = await sql<ReplayRow[]>`select * from replays where id::text = ${id}`;
  return row;
}
