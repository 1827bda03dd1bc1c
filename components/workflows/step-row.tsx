'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { Select } from '../ui/field';
import { TableCell, TableRow } from '../ui/table';
import { agentHref, type AgentOption } from './agent-option';
import { CommandOutcome } from './command-outcome';
import type { CommandInput, RunCommand } from './command-result';
import { formatValue } from './describe-changes';
import { InlineCommandForm } from './inline-command-form';
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

type Form = 'complete' | 'fail';

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
  const [agentId, setAgentId] = useState('');
  const [open, setOpen] = useState<Form | null>(null);
  const [texts, setTexts] = useState<Record<Form, string>>({ complete: '', fail: '' });
  const agent = step.agentId && agents.find((a) => a.agentId === step.agentId);
  const done = () => {
    if (open) setTexts((current) => ({ ...current, [open]: '' }));
    setOpen(null);
  };
  const toggle = (which: Form) => {
    command.dismiss();
    setOpen(open === which ? null : which);
  };
  const commandOf = (form: Form, text: string): CommandInput =>
    form === 'complete'
      ? { command: 'completeStep', stepId: step.stepId, output: outputFromText(text) }
      : { command: 'failStep', stepId: step.stepId, error: text };
  // Forms stay open across a refresh only while the step can still be completed or failed.
  const form = running && step.status === 'running' ? open : null;
  const expanded = form !== null || command.refusal !== null;
  return (
    <>
      <TableRow className={cn(expanded && 'bg-zinc-50')}>
        <TableCell className="w-8 text-right text-zinc-400 tabular-nums">{index + 1}</TableCell>
        <TableCell className="font-medium text-zinc-900">{step.title}</TableCell>
        <TableCell>
          <StatusBadge status={step.status} />
        </TableCell>
        <TableCell>
          {step.agentId ? (
            <Link href={agentHref(step.agentId)} className="text-zinc-900 hover:underline">
              {agent ? agent.name : step.agentId}
            </Link>
          ) : (
            <span className="text-zinc-400">—</span>
          )}
        </TableCell>
        <TableCell className="max-w-sm">
          {step.error ? (
            <span className="text-red-700">{step.error}</span>
          ) : step.output !== undefined ? (
            <span className="line-clamp-2 break-words" title={formatValue(step.output)}>
              {typeof step.output === 'string' ? step.output : JSON.stringify(step.output)}
            </span>
          ) : (
            <span className="text-zinc-400">—</span>
          )}
        </TableCell>
        <TableCell className="text-right whitespace-nowrap">
          {running && step.status === 'pending' && (
            <span className="inline-flex items-center gap-2">
              <Select
                aria-label={`Agent for “${step.title}”`}
                value={agentId}
                onChange={(event) => setAgentId(event.target.value)}
                className="w-40"
              >
                <option value="">No agent</option>
                {agents.map((a) => (
                  <option key={a.agentId} value={a.agentId}>
                    {a.name}
                  </option>
                ))}
              </Select>
              <Button
                size="sm"
                disabled={command.pending}
                onClick={() =>
                  command.send({
                    command: 'startStep',
                    stepId: step.stepId,
                    ...(agentId ? { agentId } : {}),
                  })
                }
              >
                Start
              </Button>
            </span>
          )}
          {running && step.status === 'running' && (
            <span className="inline-flex gap-2">
              <Button
                size="sm"
                aria-expanded={form === 'complete'}
                onClick={() => toggle('complete')}
              >
                Complete
              </Button>
              <Button size="sm" aria-expanded={form === 'fail'} onClick={() => toggle('fail')}>
                Fail
              </Button>
            </span>
          )}
        </TableCell>
      </TableRow>
      {expanded && (
        <tr className="bg-zinc-50">
          <td colSpan={STEP_COLUMNS} className="px-3 pb-3">
            <div className="flex flex-col gap-2">
              {form && (
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
                  onSubmit={() => command.send(commandOf(form, texts[form]), done)}
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
