'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { TableCell, TableRow } from '../ui/table';
import { agentHref, type AgentOption } from './agent-option';
import { CommandOutcome } from './command-outcome';
import type { CommandInput, RunCommand } from './command-result';
import { formatOutput } from './format-value';
import { InlineCommandForm } from './inline-command-form';
import { StartStepForm } from './start-step-form';
import { StatusBadge } from './status-badge';
import { useWorkflowCommand } from './use-workflow-command';
import type { Step } from '@/lib/domain/workflow/state';

/** A step's output is text or an object; typed text that is a JSON object is sent as one. */
function outputFromText(text: string): string | Record<string, unknown> {
  if (!text.trim().startsWith('{')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : text;
  } catch {
    return text;
  }
}

type Form = 'start' | 'complete' | 'fail';

/** Which forms a step in this status can open: a pending step starts, a running one ends. */
const formsFor = { pending: ['start'], running: ['complete', 'fail'] } as Partial<
  Record<Step['status'], Form[]>
>;

const BUTTONS: Record<Form, string> = { start: 'Start', complete: 'Complete', fail: 'Fail' };

export const STEP_COLUMNS = 6;

export function StepRow({
  index,
  step,
  agents,
  run,
  version,
  running,
}: {
  index: number;
  step: Step;
  agents: AgentOption[];
  run: RunCommand;
  version: number;
  /** Whether the workflow is running, the only status in which steps change. */
  running: boolean;
}) {
  const command = useWorkflowCommand(run, version);
  const [open, setOpen] = useState<Form | null>(null);
  const [agentId, setAgentId] = useState('');
  const [texts, setTexts] = useState({ complete: '', fail: '' });
  const forms = running ? (formsFor[step.status] ?? []) : [];
  // A form stays open across a refresh only while the step's status still offers it.
  const form = open && forms.includes(open) ? open : null;
  const agent = step.agentId && agents.find((a) => a.agentId === step.agentId);
  const done = () => {
    if (open === 'complete' || open === 'fail') setTexts((current) => ({ ...current, [open]: '' }));
    setOpen(null);
  };
  const toggle = (which: Form) => {
    command.dismiss();
    setOpen(open === which ? null : which);
  };
  const send = (which: Form) => {
    const commands: Record<Form, () => CommandInput> = {
      start: () => ({ command: 'startStep', stepId: step.stepId, ...(agentId ? { agentId } : {}) }),
      complete: () => ({
        command: 'completeStep',
        stepId: step.stepId,
        output: outputFromText(texts.complete),
      }),
      fail: () => ({ command: 'failStep', stepId: step.stepId, error: texts.fail }),
    };
    command.send(commands[which](), done);
  };
  const expanded = form !== null || command.refusal !== null;
  return (
    <>
      <TableRow className={cn(expanded && 'bg-zinc-50')}>
        <TableCell className="w-8 text-right text-zinc-500 tabular-nums">{index + 1}</TableCell>
        <TableCell className="font-medium text-zinc-900">{step.title}</TableCell>
        <TableCell>
          <StatusBadge status={step.status} />
        </TableCell>
        <TableCell className="whitespace-nowrap">
          {step.agentId ? (
            <Link href={agentHref(step.agentId)} className="text-zinc-900 hover:underline">
              {agent ? agent.name : step.agentId}
            </Link>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </TableCell>
        <TableCell className="max-w-md">
          {step.error ? (
            <span className="text-red-700">{step.error}</span>
          ) : step.output === null ? (
            <span className="text-zinc-500 italic">Erased (personal data)</span>
          ) : step.output !== undefined ? (
            <span className="line-clamp-2 break-words">{formatOutput(step.output)}</span>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </TableCell>
        <TableCell className="text-right whitespace-nowrap">
          <span className="inline-flex gap-2">
            {forms.map((which) => (
              <Button
                key={which}
                size="sm"
                aria-expanded={form === which}
                onClick={() => toggle(which)}
              >
                {BUTTONS[which]}
              </Button>
            ))}
          </span>
        </TableCell>
      </TableRow>
      {expanded && (
        <tr className="bg-zinc-50">
          <td colSpan={STEP_COLUMNS} className="px-3 pb-3">
            <div className="flex flex-col gap-2">
              {form === 'start' && (
                <StartStepForm
                  stepTitle={step.title}
                  agents={agents}
                  agentId={agentId}
                  onChange={setAgentId}
                  onSubmit={() => send('start')}
                  onClose={() => setOpen(null)}
                  pending={command.pending}
                />
              )}
              {(form === 'complete' || form === 'fail') && (
                <InlineCommandForm
                  label={
                    form === 'complete'
                      ? `Output of “${step.title}” (text, or a JSON object)`
                      : `Why “${step.title}” failed`
                  }
                  value={texts[form]}
                  onChange={(text) => setTexts((current) => ({ ...current, [form]: text }))}
                  submitLabel={form === 'complete' ? 'Complete step' : 'Fail step'}
                  multiline={form === 'complete'}
                  pending={command.pending}
                  onSubmit={() => send(form)}
                  onClose={() => setOpen(null)}
                />
              )}
              <CommandOutcome command={command} onDone={done} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
