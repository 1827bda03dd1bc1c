import type { Result } from '@/lib/console/result';
import type { ReplayMode, ReplayView } from '@/lib/projections/views';

/** The Projections page's server actions, as its client components call them. */
export type StartReplay = (projection: string, mode: ReplayMode) => Promise<Result<ReplayView>>;
export type CancelReplay = (replayId: string) => Promise<Result<ReplayView>>;

/** How many events a retry applied (the failed one and those parked behind it), or why it failed again. */
export type RetryOutcome = { retried: number; error: string | null };
/** A skip goes on with the parked events; `error` when the next of them fails in turn. */
export type SkipOutcome = { skipped: boolean; error: string | null };

export type FailureAction<T> = (projection: string, failureId: string) => Promise<Result<T>>;
