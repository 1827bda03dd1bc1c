/** What the console and the REST API show of projections and replays. */

export type ProjectionKind = 'inline' | 'async';

/** running: applying events; stopped: halted on a failed event (policy `stop`) until retry or skip. */
export type ProjectionStatus = 'running' | 'stopped';

export type FailurePolicy = 'stop' | 'park';

export type ProjectionView = {
  name: string;
  kind: ProjectionKind;
  version: number;
  description: string;
  status: ProjectionStatus;
  policy: FailurePolicy;
  /** Everything in `$all` up to this position has been applied (inline: the readable head). */
  position: number;
  lag: { events: number; seconds: number };
  lastError: string | null;
  /** Failed events, and events parked behind them. */
  failures: number;
  rebuiltAt: string | null;
  /** The replay queued or running for it, if any. */
  activeReplayId: string | null;
};

export type FailureStatus = 'failed' | 'parked' | 'skipped';

export type FailureView = {
  id: string;
  projection: string;
  position: number;
  streamId: string;
  eventId: string;
  eventType: string;
  status: FailureStatus;
  error: string | null;
  attempts: number;
  recordedAt: string;
};

export type ReplayMode = 'full' | 'incremental';
export type ReplayStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const FINAL_REPLAY_STATUSES: readonly ReplayStatus[] = ['succeeded', 'failed', 'cancelled'];

export type ReplayView = {
  replayId: string;
  projection: string;
  mode: ReplayMode;
  status: ReplayStatus;
  processed: number;
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  launchedBy: string;
  cancelRequested: boolean;
};

/** One bar of the dashboard's chart: events recorded in an hour or a day, per category. */
export type EventStatsBucket = { at: string; category: string; events: number };
