'use server';

import { z } from 'zod';
import { consoleActor } from '@/lib/console-actor';
import { isChronicleError } from '@/lib/errors';
import type { Result } from '@/lib/console/result';
import type { VerifyResult } from '@/lib/event-store/verify';
import { logger } from '@/lib/logger';
import { getStore } from '@/lib/runtime';

const streamId = z.string().min(1).max(201);

/** Recomputes the stream's hash chain on the server; the browser only sees the verdict. */
export async function verifyChain(id: string): Promise<Result<VerifyResult>> {
  const parsed = streamId.safeParse(id);
  if (!parsed.success) return { ok: false, error: 'Not a stream id' };
  try {
    const store = await getStore();
    return {
      ok: true,
      data: await store.verifyStream({ actor: consoleActor, streamId: parsed.data }),
    };
  } catch (error) {
    if (isChronicleError(error)) return { ok: false, error: error.message };
    logger().error({ err: error, streamId: parsed.data }, 'chain verification failed');
    return { ok: false, error: 'Verification could not run; the server log has the details' };
  }
}
