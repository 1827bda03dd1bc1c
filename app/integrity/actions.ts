'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import type { Digest } from '@/lib/integrity/digest';
import type { VerificationRun } from '@/lib/integrity/verification-runs';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

/** Signs the store's current state now; the page then shows the new digest. */
export async function takeDigest(): Promise<Result<Digest>> {
  return consoleAction(
    { action: 'DigestTake', role: 'auditor', target: 'digests' },
    async ({ actor, audit }) => {
      const digest = await (await getChronicle()).integrity.takeDigest({ actor });
      audit.note({ digestId: digest.id, position: digest.position, root: digest.root });
      revalidatePath('/integrity');
      return digest;
    },
  );
}

/** Queues a check of every stream's chain; the page follows its progress. */
export async function verifyAllStreams(): Promise<Result<VerificationRun>> {
  return consoleAction(
    { action: 'StreamVerify', role: 'auditor', target: 'all streams' },
    async ({ actor, audit }) => {
      const run = await (await getChronicle()).integrity.verifications.startAll({ actor });
      audit.note({ runId: run.id });
      return run;
    },
  );
}

const runId = z.uuid();

export async function cancelVerification(id: string): Promise<Result<VerificationRun>> {
  const parsed = runId.safeParse(id);
  return consoleAction(
    { action: 'VerificationCancel', role: 'auditor', target: parsed.success ? parsed.data : null },
    async ({ actor }) => {
      if (!parsed.success) throw validationError('Not a verification id');
      return (await getChronicle()).integrity.verifications.cancel({ actor, runId: parsed.data });
    },
  );
}
