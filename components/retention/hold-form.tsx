'use client';

import { Lock } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { Result } from '@/lib/console/result';
import { Notice } from '../notice';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/field';

/** Places a legal hold on a stream named by id. */
export function HoldForm({
  place,
}: {
  place: (streamId: string, hold: boolean) => Promise<Result<{ streamId: string; hold: boolean }>>;
}) {
  const router = useRouter();
  const [streamId, setStreamId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const answer = await place(streamId, true);
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setStreamId('');
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 px-4 py-4">
      {error && <Notice title={error} />}
      <div className="flex flex-wrap items-end gap-4">
        <Field label="Stream id">
          <Input
            value={streamId}
            onChange={(event) => setStreamId(event.target.value)}
            placeholder="e.g. agent-…"
            className="w-96 font-mono"
          />
        </Field>
        <Button type="submit" variant="primary" disabled={pending || streamId.trim() === ''}>
          <Lock className="size-4" aria-hidden />
          {pending ? 'Placing…' : 'Place hold'}
        </Button>
      </div>
    </form>
  );
}
