import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { systemActor } from '../actor';
import type { Integrity } from './integrity';
import type { StoreContext } from '../event-store/context';
import { VERIFY_TASK, runVerifyAll } from './verification-runs';

export const DIGEST_TASK = 'take-digest';

const verifyPayload = z.object({ runId: z.uuid() });

/** The integrity jobs of the queue: checking every stream, and the periodic signed digest. */
export function integrityTasks(ctx: StoreContext, integrity: Integrity): TaskList {
  return {
    [VERIFY_TASK]: async (payload) => runVerifyAll(ctx, verifyPayload.parse(payload).runId),
    [DIGEST_TASK]: async () => {
      if (integrity.publicKey) await integrity.currentDigest({ actor: systemActor });
    },
  };
}

/** A digest on the schedule, once across all workers (the crontab's job key). */
export const digestCrontab = (cron: string) =>
  cron === 'off' ? undefined : `${cron} ${DIGEST_TASK} ?max=1&id=${DIGEST_TASK}`;
