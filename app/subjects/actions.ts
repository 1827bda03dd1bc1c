'use server';

import { revalidatePath } from 'next/cache';
import { subjectIdParam } from '@/lib/api/subject-schemas';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

/** Erases a data subject: their key is deleted, and their personal fields read null from now on. */
export async function eraseSubject(
  id: string,
): Promise<Result<{ subjectId: string; erasedAt: string; events: number }>> {
  const parsed = subjectIdParam.safeParse(id);
  return consoleAction(
    {
      action: 'SubjectErase',
      role: 'admin',
      target: parsed.success ? `subject:${parsed.data}` : null,
    },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a subject id');
      const chronicle = await getChronicle();
      const { streams, alreadyErased, ...erasure } = await chronicle.eraseSubject({
        actor,
        subjectId: parsed.data,
      });
      audit.note({ events: erasure.events, streams: streams.length, alreadyErased });
      revalidatePath('/subjects');
      return erasure;
    },
  );
}
