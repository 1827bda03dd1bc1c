'use server';

import { revalidatePath } from 'next/cache';
import type { Result } from '@/lib/console/result';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

/** Removes all but the newest snapshots of each stream now, instead of at the hourly run. */
export async function cleanupSnapshots(): Promise<Result<{ removed: number; kept: number }>> {
  return consoleAction(
    { action: 'SnapshotCleanup', role: 'operator', target: 'snapshots' },
    async ({ actor, audit }) => {
      const result = await (await getChronicle()).cleanupSnapshots({ actor });
      audit.note(result);
      revalidatePath('/snapshots');
      return result;
    },
  );
}
