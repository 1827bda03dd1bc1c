'use client';

import { RotateCw, SkipForward } from 'lucide-react';
import { useState, useTransition } from 'react';
import type { FailureView } from '@/lib/projections/views';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm-dialog';
import type { FailureAction, RetryOutcome, SkipOutcome } from './action-types';
import { plural } from '../format';

type Said = { tone: 'red' | 'green'; text: string };

function retried(outcome: RetryOutcome): Said {
  return outcome.error
    ? { tone: 'red', text: `Failed again: ${outcome.error}` }
    : {
        tone: 'green',
        text: `Applied ${outcome.retried} ${plural(outcome.retried, 'event')}`,
      };
}

function skipped(outcome: SkipOutcome): Said {
  return outcome.error
    ? { tone: 'red', text: `Skipped; the next parked event failed: ${outcome.error}` }
    : { tone: 'green', text: 'Skipped' };
}

/** Retry and Skip for a failed event; the events parked behind it go with it either way. */
export function FailureButtons({
  failure,
  retry,
  skip,
}: {
  failure: FailureView;
  retry: FailureAction<RetryOutcome>;
  skip: FailureAction<SkipOutcome>;
}) {
  const [said, setSaid] = useState<Said | null>(null);
  const [pending, startTransition] = useTransition();
  const run = <T,>(act: FailureAction<T>, describe: (outcome: T) => Said) =>
    startTransition(async () => {
      const answer = await act(failure.projection, failure.id);
      setSaid(answer.ok ? describe(answer.data) : { tone: 'red', text: answer.error });
    });
  const where = `position ${failure.position}`;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-col items-end gap-1">
        <Button
          size="sm"
          disabled={pending}
          onClick={() => run(retry, retried)}
          aria-label={`Retry the event at ${where}`}
        >
          <RotateCw className="size-3.5" aria-hidden />
          Retry
        </Button>
        <ConfirmButton
          size="sm"
          disabled={pending}
          title={`Skip the ${failure.eventType} event at ${where}?`}
          description={
            <p>
              {failure.projection} goes on without it, so its read model will not reflect this event
              until a rebuild applies it. The event itself stays in the log.
            </p>
          }
          confirmLabel="Skip event"
          onConfirm={() => run(skip, skipped)}
        >
          <SkipForward className="size-3.5" aria-hidden />
          Skip
        </ConfirmButton>
      </div>
      {said && (
        <Badge tone={said.tone} role="status" className="max-w-72 whitespace-normal">
          {said.text}
        </Badge>
      )}
    </div>
  );
}
