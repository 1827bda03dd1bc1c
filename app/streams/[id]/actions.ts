'use server';

import { z } from 'zod';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/event-store/verify';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../../_session/console-action';

const streamId = z.string().min(1).max(201);

/** Recomputes the stream's hash chain on the server, and records who checked it and what was found. */
export async function verifyChain(id: string): Promise<Result<VerifyResult>> {
  const parsed = streamId.safeParse(id);
  return consoleAction(
    { action: 'StreamVerify', role: 'auditor', target: parsed.success ? parsed.data : null },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a stream id');
      const { integrity } = await getChronicle();
      const result = await integrity.verifications.verifyOne({ actor, streamId: parsed.data });
      audit.note({ valid: result.valid, checkedEvents: result.checkedEvents });
      return result;
    },
  );
}
