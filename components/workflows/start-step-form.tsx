'use client';

import type { FormEvent } from 'react';
import { Button } from '../ui/button';
import { Field, Select } from '../ui/field';
import type { AgentOption } from './agent-option';

/** Which agent a step is started with; the choice lives in the parent, like typed text. */
export function StartStepForm({
  stepTitle,
  agents,
  agentId,
  onChange,
  onSubmit,
  onClose,
  pending,
}: {
  stepTitle: string;
  agents: AgentOption[];
  agentId: string;
  onChange: (agentId: string) => void;
  onSubmit: () => void;
  onClose: () => void;
  pending: boolean;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <Field label={`Agent for “${stepTitle}”`}>
        <Select value={agentId} onChange={(event) => onChange(event.target.value)} className="w-64">
          <option value="">No agent</option>
          {agents.map((agent) => (
            <option key={agent.agentId} value={agent.agentId}>
              {agent.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? 'Sending…' : 'Start step'}
      </Button>
      <Button variant="ghost" onClick={onClose}>
        Close
      </Button>
    </form>
  );
}
