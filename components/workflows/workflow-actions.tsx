'use client';

import { useState } from 'react';
import { Button } from '../ui/button';
import { CommandOutcome } from './command-outcome';
import type { CommandInput, RunCommand } from './command-result';
import { InlineCommandForm } from './inline-command-form';
import { useWorkflowCommand } from './use-workflow-command';
import { WORKFLOW_BUTTONS, type WorkflowAction } from './workflow-buttons';

type WithText = Exclude<WorkflowAction, 'start' | 'resume'>;

const FORMS: Record<
  WithText,
  {
    label: string;
    submit: string;
    multiline?: boolean;
    optional?: boolean;
    command: (text: string) => CommandInput;
  }
> = {
  pause: {
    label: 'Reason for pausing (optional)',
    submit: 'Pause workflow',
    optional: true,
    command: (reason) => ({ command: 'pause', ...(reason.trim() ? { reason } : {}) }),
  },
  complete: {
    label: 'Summary of the findings',
    submit: 'Complete workflow',
    multiline: true,
    command: (summary) => ({ command: 'complete', summary }),
  },
  fail: {
    label: 'Why the workflow failed',
    submit: 'Fail workflow',
    command: (reason) => ({ command: 'fail', reason }),
  },
  cancel: {
    label: 'Why the workflow is cancelled',
    submit: 'Cancel workflow',
    command: (reason) => ({ command: 'cancel', reason }),
  },
};

const needsText = (name: WorkflowAction): name is WithText => name in FORMS;

/** The workflow-level commands its status allows, and only those; the page hides it when none. */
export function WorkflowActions({
  run,
  version,
  allowed,
}: {
  run: RunCommand;
  version: number;
  allowed: readonly string[];
}) {
  const command = useWorkflowCommand(run, version);
  const [open, setOpen] = useState<WithText | null>(null);
  const [texts, setTexts] = useState<Record<WithText, string>>({
    pause: '',
    complete: '',
    fail: '',
    cancel: '',
  });
  const buttons = WORKFLOW_BUTTONS.filter(({ name }) => allowed.includes(name));
  const done = () => {
    if (open) setTexts((current) => ({ ...current, [open]: '' }));
    setOpen(null);
  };
  const press = (name: WorkflowAction) => {
    command.dismiss();
    if (needsText(name)) setOpen(open === name ? null : name);
    else command.send({ command: name });
  };
  // A form stays open across a refresh only while its command is still allowed.
  const form = open && allowed.includes(open) ? FORMS[open] : undefined;
  return (
    <div className="flex flex-col gap-3">
      <div role="group" aria-label="Workflow commands" className="flex flex-wrap gap-2">
        {buttons.map(({ name, label }) => (
          <Button
            key={name}
            variant={name === 'start' || name === 'resume' ? 'primary' : 'secondary'}
            aria-expanded={needsText(name) ? open === name : undefined}
            disabled={command.pending}
            onClick={() => press(name)}
          >
            {label}
          </Button>
        ))}
      </div>
      {open && form && (
        <InlineCommandForm
          label={form.label}
          value={texts[open]}
          onChange={(text) => setTexts((current) => ({ ...current, [open]: text }))}
          submitLabel={form.submit}
          multiline={form.multiline}
          optional={form.optional}
          pending={command.pending}
          onSubmit={() => command.send(form.command(texts[open]), done)}
          onClose={() => setOpen(null)}
        />
      )}
      <CommandOutcome command={command} onDone={done} />
    </div>
  );
}
