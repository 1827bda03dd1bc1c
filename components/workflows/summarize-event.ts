import { formatValue } from './describe-changes';
import type { RecordedEvent } from '@/lib/event-store';

const text = (value: unknown) => (typeof value === 'string' ? value : formatValue(value));

/**
 * One line saying what a workflow event did, with steps named by title (`titles` maps step
 * ids to titles). Unknown types fall back to their data as short JSON.
 */
export function summarizeEvent(event: RecordedEvent, titles: Map<string, string>): string {
  const data = event.data;
  const step = () => {
    const id = String(data.stepId);
    return `“${titles.get(id) ?? id}”`;
  };
  const colon = (prefix: string, detail: unknown) =>
    detail === undefined ? prefix : `${prefix}: ${text(detail)}`;
  switch (event.type) {
    case 'WorkflowCreated':
      return `Created “${text(data.title)}”`;
    case 'WorkflowStarted':
      return 'Started';
    case 'WorkflowPaused':
      return colon('Paused', data.reason);
    case 'WorkflowResumed':
      return 'Resumed';
    case 'StepAdded':
      return `Step “${text(data.title)}” added`;
    case 'StepStarted':
      return `Step ${step()} started${data.agentId ? ` by ${text(data.agentId)}` : ''}`;
    case 'StepCompleted':
      return colon(`Step ${step()} completed`, data.output);
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
