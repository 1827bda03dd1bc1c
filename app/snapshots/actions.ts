'use server';

import { revalidatePath } from 'next/cache';
import { consoleActor } from '@/lib/console-actor';
import type { Result } from '@/lib/console/result';
import { ChronicleError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { getChronicle } from '@/lib/runtime';

/** Removes all but the newest snapshots of each stream now, instead of at the hourly run. */
export async function cleanupSnapshots(): Promise<Result<{ removed: number; kept: number }>> {
  try {
    const chronicle = await getChronicle();
    const result = await chronicle.cleanupSnapshots({ actor: consoleActor });
    revalidatePath('/snapshots');
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof ChronicleError && error.status < 500) {
      return { ok: false, error: error.message };
    }
    logger().error({ err: error }, 'snapshot cleanup failed');
    return { ok: false, error: 'Cleanup could not run; the server log has the details' };
  }
}
