'use client';

import { UserX } from 'lucide-react';
import { useState, useTransition } from 'react';
import type { Result } from '@/lib/console/result';
import { Badge } from '../ui/badge';
import { ConfirmButton } from '../ui/confirm-dialog';
import { plural } from '../format';

type Erase = (subjectId: string) => Promise<Result<{ events: number }>>;

/** Erases one subject after the admin confirms; the page then lists them as erased. */
export function EraseButton({
  subjectId,
  events,
  erase,
}: {
  subjectId: string;
  events: number;
  erase: Erase;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2" aria-live="polite">
      {error && <Badge tone="red">{error}</Badge>}
      <ConfirmButton
        title="Erase this data subject?"
        description={
          <>
            <p>
              The key of <span className="font-mono break-all">{subjectId}</span> is deleted. The
              personal fields of {events} {plural(events, 'event')} can never be read again: every
              read shows them as null.
            </p>
            <p className="mt-2">
              The events stay in the log and every hash chain still verifies. Snapshots, caches and
              read models of the subject&apos;s streams are rebuilt without the erased values. This
              cannot be undone.
            </p>
          </>
        }
        confirmLabel="Erase subject"
        onConfirm={() =>
          startTransition(async () => {
            const answer = await erase(subjectId);
            setError(answer.ok ? null : answer.error);
          })
        }
        disabled={pending}
        size="sm"
      >
        <UserX className="size-4" aria-hidden />
        {pending ? 'Erasing…' : 'Erase'}
      </ConfirmButton>
    </span>
  );
}
