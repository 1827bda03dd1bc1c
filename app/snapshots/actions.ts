'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import { STREAM_ID_PATTERN } from '@/lib/event-store/stream-id';
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

const streamId = z.string().regex(STREAM_ID_PATTERN);

/** Builds a stream's current state and stores it as a snapshot now. */
export async function takeSnapshot(
  id: string,
): Promise<Result<{ streamId: string; version: number }>> {
  const parsed = streamId.safeParse(id);
  return consoleAction(
    { action: 'SnapshotTake', role: 'operator', target: parsed.success ? parsed.data : null },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a stream id');
      const chronicle = await getChronicle();
      const taken = await chronicle.takeSnapshot({ actor, streamId: parsed.data });
      audit.note({ version: taken.version });
      revalidatePath('/snapshots');
      return taken;
    },
  );
}
