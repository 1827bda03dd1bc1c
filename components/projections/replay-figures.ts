import { FINAL_REPLAY_STATUSES, type ReplayStatus, type ReplayView } from '@/lib/projections/views';
import { count, duration } from '../format';

export const isFinal = (status: ReplayStatus) => FINAL_REPLAY_STATUSES.includes(status);

/** How far a replay has got, 0–100 with one decimal; a succeeded one is complete. */
export function percentDone({ status, processed, total }: ReplayView): number {
  if (status === 'succeeded') return 100;
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((processed / total) * 1000) / 10);
}

export const rate = (eventsPerSecond: number) => `${count(eventsPerSecond)} events/s`;

/** Time left at the current rate; none before the first batch or after the end. */
export function eta({ status, etaSeconds }: ReplayView): string {
  if (isFinal(status)) return '—';
  return etaSeconds === null ? 'estimating…' : duration(etaSeconds * 1000);
}

export const MODE_LABEL = { full: 'Full rebuild', incremental: 'Incremental' } as const;
