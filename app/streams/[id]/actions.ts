'use server';

import { z } from 'zod';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/event-store/verify';
import { getStore } from '@/lib/runtime';
import { consoleAction } from '../../_session/console-action';

const streamId = z.string().min(1).max(201);

/** Recomputes the stream's hash chain on the server; the browser only sees the verdict. */
export async function verifyChain(id: string): Promise<Result<VerifyResult>> {
  const parsed = streamId.safeParse(id);
  return consoleAction(
    { action: 'StreamVerify', role: 'auditor', target: parsed.success ? parsed.data : null },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a stream id');
      const result = await (await getStore()).verifyStream({ actor, streamId: parsed.data });
      audit.note({ valid: result.valid, checkedEvents: result.checkedEvents });
      return result;
    },
  );
}
