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

/** Builds a stream's current state and stores it as a snapshot now. */
export async function takeSnapshot(
  streamId: string,
): Promise<Result<{ streamId: string; version: number }>> {
  return consoleAction(
    { action: 'SnapshotTake', role: 'operator', target: streamId },
    async ({ actor, audit }) => {
      const taken = await (await getChronicle()).takeSnapshot({ actor, streamId });
      audit.note({ version: taken.version });
      revalidatePath('/snapshots');
      return taken;
    },
  );
}
