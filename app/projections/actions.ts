'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { RetryOutcome, SkipOutcome } from '@/components/projections/action-types';
import type { Actor } from '@/lib/actor';
import type { Chronicle } from '@/lib/chronicle';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import type { ReplayView } from '@/lib/projections/views';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

const projectionName = z.string().min(1).max(200);
const replayRequest = z.object({
  projection: projectionName,
  mode: z.enum(['full', 'incremental']),
});
const replayId = z.uuid();
const failureRef = z.object({ projection: projectionName, failureId: z.uuid() });

/** Launches a full rebuild or an incremental replay; the page then follows its progress. */
export async function startReplay(projection: string, mode: string): Promise<Result<ReplayView>> {
  const parsed = replayRequest.safeParse({ projection, mode });
  return consoleAction(
    { action: 'ReplayStart', role: 'operator', target: 'replays' },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a projection and a replay mode');
      audit.note(parsed.data);
      const replay = await (await getChronicle()).replays.start({ actor, ...parsed.data });
      audit.target(`replay:${replay.replayId}`);
      return replay;
    },
  );
}

/** Stops a queued or running replay; the projection keeps the read model it had. */
export async function cancelReplay(id: string): Promise<Result<ReplayView>> {
  const parsed = replayId.safeParse(id);
  return consoleAction(
    {
      action: 'ReplayCancel',
      role: 'operator',
      target: parsed.success ? `replay:${parsed.data}` : null,
    },
    async ({ actor }) => {
      if (!parsed.success) throw validationError('Not a replay id');
      return (await getChronicle()).replays.cancel({ actor, replayId: parsed.data });
    },
  );
}

type FailureArgs = { actor: Actor; projection: string; failureId: string };

/** Retry and skip: the same checks and record, a different act on the failed event. */
async function actOnFailure<T extends Record<string, unknown>>(
  action: 'ProjectionFailureRetry' | 'ProjectionFailureSkip',
  ref: { projection: string; failureId: string },
  act: (projections: Chronicle['projections'], args: FailureArgs) => Promise<T>,
): Promise<Result<T>> {
  const parsed = failureRef.safeParse(ref);
  return consoleAction(
    {
      action,
      role: 'operator',
      target: parsed.success
        ? `projection:${parsed.data.projection}/failure:${parsed.data.failureId}`
        : null,
    },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a failure of a projection');
      const outcome = await act((await getChronicle()).projections, { actor, ...parsed.data });
      audit.note(outcome);
      revalidatePath('/projections');
      return outcome;
    },
  );
}

/** Applies a failed event again, with the events of its stream parked behind it. */
export async function retryFailure(
  projection: string,
  failureId: string,
): Promise<Result<RetryOutcome>> {
  return actOnFailure('ProjectionFailureRetry', { projection, failureId }, (projections, args) =>
    projections.retry(args),
  );
}

/** Gives up on a failed event; the projection goes on without it. */
export async function skipFailure(
  projection: string,
  failureId: string,
): Promise<Result<SkipOutcome>> {
  return actOnFailure('ProjectionFailureSkip', { projection, failureId }, (projections, args) =>
    projections.skip(args),
  );
}
