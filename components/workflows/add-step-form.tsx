'use client';

import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/field';
import { CommandOutcome } from './command-outcome';
import type { RunCommand } from './command-result';
import { useWorkflowCommand } from './use-workflow-command';

export function AddStepForm({ run, version }: { run: RunCommand; version: number }) {
  const command = useWorkflowCommand(run, version);
  const [title, setTitle] = useState('');
  const clear = () => setTitle('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.send({ command: 'addStep', title }, clear);
  };
  return (
    <div className="flex flex-col gap-2 border-t border-zinc-200 px-4 py-3">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <Field label="New step">
          <Input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            maxLength={200}
            placeholder="e.g. Literature review"
            className="w-80"
          />
        </Field>
        <Button type="submit" disabled={command.pending || title.trim() === ''}>
          <Plus className="size-4" aria-hidden />
          {command.pending ? 'Adding…' : 'Add step'}
        </Button>
      </form>
      <CommandOutcome command={command} onDone={clear} />
    </div>
  );
}
