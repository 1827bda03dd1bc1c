import { domainError, notFound } from '../../errors';
import type { WorkflowCommand, WorkflowCommandName } from './commands';
import type { WorkflowEvent } from './events';
import type { Step, StepStatus, Workflow, WorkflowStatus } from './state';

/** Which workflow statuses each command is allowed from: decide and the console's buttons share it. */
export const allowedFrom: Record<
  Exclude<WorkflowCommandName, 'create'>,
  readonly WorkflowStatus[]
> = {
  start: ['draft'],
  pause: ['running'],
  resume: ['paused'],
  addStep: ['draft', 'running', 'paused'],
  startStep: ['running'],
  completeStep: ['running'],
  failStep: ['running'],
  complete: ['running'],
  fail: ['running', 'paused'],
  cancel: ['draft', 'running', 'paused'],
};

export function allowedCommands(state: Workflow): (keyof typeof allowedFrom)[] {
  return (Object.keys(allowedFrom) as (keyof typeof allowedFrom)[]).filter((command) =>
    allowedFrom[command].includes(state.status),
  );
}

const refuse = (command: WorkflowCommandName, state: Workflow | null, why: string) =>
  domainError(`Cannot ${command} workflow${state ? ` (status ${state.status})` : ''}: ${why}`, {
    command,
    status: state?.status ?? null,
    reason: why,
  });

function requireStep(
  command: WorkflowCommandName,
  state: Workflow,
  stepId: string,
  from: StepStatus[],
): Step {
  const step = state.steps.find((s) => s.stepId === stepId);
  if (!step) throw refuse(command, state, `it has no step ${stepId}`);
  if (!from.includes(step.status)) {
    throw refuse(
      command,
      state,
      `step "${step.title}" is ${step.status}, and only a ${from.join(' or ')} step can be changed so`,
    );
  }
  return step;
}

/** Turns a command into the events it causes, or refuses it with a domain error saying why. */
export function decide(command: WorkflowCommand, state: Workflow | null): WorkflowEvent[] {
  if (command.command === 'create') {
    if (state) throw refuse('create', state, 'it already exists');
    const { workflowId, title, question, methodology } = command;
    return [{ type: 'WorkflowCreated', data: { workflowId, title, question, methodology } }];
  }
  if (!state) throw notFound(`Cannot ${command.command} workflow: it does not exist`);
  const from = allowedFrom[command.command];
  if (!from.includes(state.status)) {
    throw refuse(command.command, state, `only a ${from.join(' or ')} workflow can be changed so`);
  }
  switch (command.command) {
    case 'start':
      return [{ type: 'WorkflowStarted', data: {} }];
    case 'pause':
      return [{ type: 'WorkflowPaused', data: command.reason ? { reason: command.reason } : {} }];
    case 'resume':
      return [{ type: 'WorkflowResumed', data: {} }];
    case 'addStep':
      if (state.steps.some((s) => s.stepId === command.stepId)) {
        throw refuse('addStep', state, `step ${command.stepId} already exists`);
      }
      return [{ type: 'StepAdded', data: { stepId: command.stepId, title: command.title } }];
    case 'startStep':
      requireStep('startStep', state, command.stepId, ['pending']);
      return [
        {
          type: 'StepStarted',
          data: {
            stepId: command.stepId,
            ...(command.agentId ? { agentId: command.agentId } : {}),
          },
        },
      ];
    case 'completeStep':
      requireStep('completeStep', state, command.stepId, ['running']);
      return [{ type: 'StepCompleted', data: { stepId: command.stepId, output: command.output } }];
    case 'failStep':
      requireStep('failStep', state, command.stepId, ['running']);
      return [{ type: 'StepFailed', data: { stepId: command.stepId, error: command.error } }];
    case 'complete': {
      const unfinished = state.steps.filter(
        (s) => s.status === 'pending' || s.status === 'running',
      );
      if (unfinished.length > 0) {
        throw refuse(
          'complete',
          state,
          `${unfinished.length} step(s) are not finished: ${unfinished.map((s) => s.title).join(', ')}`,
        );
      }
      return [{ type: 'WorkflowCompleted', data: { summary: command.summary } }];
    }
    case 'fail':
      return [{ type: 'WorkflowFailed', data: { reason: command.reason } }];
    case 'cancel':
      return [{ type: 'WorkflowCancelled', data: { reason: command.reason } }];
  }
}
