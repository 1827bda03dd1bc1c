import { domainError } from '../../errors';
import type { WorkflowCommandName } from './commands';
import type { WorkflowEvent } from './events';
import type { StepStatus, Workflow, WorkflowStatus } from './state';

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

/** The command each event records: an event may follow a state only where its command may. */
const commandOf = {
  WorkflowCreated: 'create',
  WorkflowStarted: 'start',
  WorkflowPaused: 'pause',
  WorkflowResumed: 'resume',
  StepAdded: 'addStep',
  StepStarted: 'startStep',
  StepCompleted: 'completeStep',
  StepFailed: 'failStep',
  WorkflowCompleted: 'complete',
  WorkflowFailed: 'fail',
  WorkflowCancelled: 'cancel',
} as const satisfies Record<WorkflowEvent['type'], WorkflowCommandName>;

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
): void {
  const step = state.steps.find((s) => s.stepId === stepId);
  if (!step) throw refuse(command, state, `it has no step ${stepId}`);
  if (!from.includes(step.status)) {
    throw refuse(
      command,
      state,
      `step "${step.title}" is ${step.status}, and only a ${from.join(' or ')} step can be changed so`,
    );
  }
}

/**
 * Refuses an event that cannot follow the state, with the message its command's refusal gives:
 * the rules live here once, so that decide and the fold of a stored or appended history (which
 * decide did not write) agree on what a workflow's history may be.
 */
export function assertCanFollow(state: Workflow | null, event: WorkflowEvent): void {
  const command = commandOf[event.type];
  if (command === 'create') {
    if (state) throw refuse(command, state, 'it already exists');
    return;
  }
  if (!state) throw refuse(command, state, 'it does not exist');
  const from = allowedFrom[command];
  if (!from.includes(state.status)) {
    throw refuse(command, state, `only a ${from.join(' or ')} workflow can be changed so`);
  }
  if (event.type === 'StepAdded' && state.steps.some((s) => s.stepId === event.data.stepId)) {
    throw refuse(command, state, `step ${event.data.stepId} already exists`);
  }
  if (event.type === 'StepStarted') requireStep(command, state, event.data.stepId, ['pending']);
  if (event.type === 'StepCompleted' || event.type === 'StepFailed') {
    requireStep(command, state, event.data.stepId, ['running']);
  }
  if (event.type === 'WorkflowCompleted') {
    const unfinished = state.steps.filter((s) => s.status === 'pending' || s.status === 'running');
    if (unfinished.length > 0) {
      throw refuse(
        command,
        state,
        `${unfinished.length} step(s) are not finished: ${unfinished.map((s) => s.title).join(', ')}`,
      );
    }
  }
}
