import { formatOutput, formatValue } from './format-value';
import type { RecordedEvent } from '@/lib/event-store';

/** Titles of a workflow's steps and names of agents, by id, to word events with. */
export type Names = { steps: Map<string, string>; agents: Map<string, string> };

/**
 * One line saying what a workflow event did, with steps and agents named. Unknown types fall
 * back to their data as short JSON.
 */
export function summarizeEvent(event: RecordedEvent, names: Names): string {
  const data = event.data;
  const step = () => `“${names.steps.get(String(data.stepId)) ?? String(data.stepId)}”`;
  const colon = (prefix: string, detail: unknown) =>
    detail === undefined ? prefix : `${prefix}: ${formatValue(detail)}`;
  switch (event.type) {
    case 'WorkflowCreated':
      return `Created “${formatValue(data.title)}”`;
    case 'WorkflowStarted':
      return 'Started';
    case 'WorkflowPaused':
      return colon('Paused', data.reason);
    case 'WorkflowResumed':
      return 'Resumed';
    case 'StepAdded':
      return `Step “${formatValue(data.title)}” added`;
    case 'StepStarted': {
      const agentId = typeof data.agentId === 'string' ? data.agentId : undefined;
      const by = agentId ? ` by ${names.agents.get(agentId) ?? agentId}` : '';
      return `Step ${step()} started${by}`;
    }
    case 'StepCompleted': {
      const output = data.output as string | Record<string, unknown> | undefined;
      return colon(
        `Step ${step()} completed`,
        output === undefined ? undefined : formatOutput(output),
      );
    }
    case 'StepFailed':
      return colon(`Step ${step()} failed`, data.error);
    case 'WorkflowCompleted':
      return colon('Completed', data.summary);
    case 'WorkflowFailed':
      return colon('Failed', data.reason);
    case 'WorkflowCancelled':
      return colon('Cancelled', data.reason);
    default:
      return formatValue(data);
  }
}
