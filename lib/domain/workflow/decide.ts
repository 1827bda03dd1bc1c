import { notFound } from '../../errors';
import { fold } from '../aggregate';
import type { WorkflowCommand } from './commands';
import type { WorkflowEvent } from './events';
import { evolve } from './evolve';
import type { Workflow } from './state';

function eventFor(command: WorkflowCommand): WorkflowEvent {
  switch (command.command) {
    case 'create': {
      const { workflowId, title, question, methodology, requestedBy } = command;
      return {
        type: 'WorkflowCreated',
        data: {
          workflowId,
          title,
          question,
          methodology,
          ...(requestedBy === undefined ? {} : { requestedBy }),
        },
      };
    }
    case 'start':
      return { type: 'WorkflowStarted', data: {} };
    case 'pause':
      return { type: 'WorkflowPaused', data: command.reason ? { reason: command.reason } : {} };
    case 'resume':
      return { type: 'WorkflowResumed', data: {} };
    case 'addStep':
      return { type: 'StepAdded', data: { stepId: command.stepId, title: command.title } };
    case 'startStep':
      return {
        type: 'StepStarted',
        data: { stepId: command.stepId, ...(command.agentId ? { agentId: command.agentId } : {}) },
      };
    case 'completeStep':
      return { type: 'StepCompleted', data: { stepId: command.stepId, output: command.output } };
    case 'failStep':
      return { type: 'StepFailed', data: { stepId: command.stepId, error: command.error } };
    case 'complete':
      return { type: 'WorkflowCompleted', data: { summary: command.summary } };
    case 'fail':
      return { type: 'WorkflowFailed', data: { reason: command.reason } };
    case 'cancel':
      return { type: 'WorkflowCancelled', data: { reason: command.reason } };
  }
}

/**
 * Turns a command into the events it causes, or refuses it with a domain error saying why: the
 * fold refuses whatever cannot follow the state (transitions.ts).
 */
export function decide(command: WorkflowCommand, state: Workflow | null): WorkflowEvent[] {
  if (command.command !== 'create' && !state) {
    throw notFound(`Cannot ${command.command} workflow: it does not exist`);
  }
  const events = [eventFor(command)];
  fold(evolve, events, state);
  return events;
}
