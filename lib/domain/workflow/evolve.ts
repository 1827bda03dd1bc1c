import type { WorkflowEvent } from './events';
import type { Step, Workflow } from './state';
import { assertCanFollow } from './transitions';

const updateStep = (state: Workflow, stepId: string, change: Partial<Step>): Workflow => ({
  ...state,
  steps: state.steps.map((step) => (step.stepId === stepId ? { ...step, ...change } : step)),
});

/** Applies one event, or refuses (a domain error) an event that cannot follow the state. */
export function evolve(state: Workflow | null, event: WorkflowEvent): Workflow {
  assertCanFollow(state, event);
  if (event.type === 'WorkflowCreated') {
    const { workflowId, title, question, methodology, requestedBy } = event.data;
    return {
      workflowId,
      status: 'draft',
      title,
      question,
      methodology,
      ...(requestedBy === undefined ? {} : { requestedBy }),
      steps: [],
    };
  }
  if (!state) throw new Error(`${event.type} before WorkflowCreated`);
  switch (event.type) {
    case 'WorkflowStarted':
    case 'WorkflowResumed':
      return { ...state, status: 'running' };
    case 'WorkflowPaused':
      return { ...state, status: 'paused' };
    case 'StepAdded':
      return {
        ...state,
        steps: [
          ...state.steps,
          { stepId: event.data.stepId, title: event.data.title, status: 'pending' },
        ],
      };
    case 'StepStarted':
      return updateStep(state, event.data.stepId, {
        status: 'running',
        ...(event.data.agentId ? { agentId: event.data.agentId } : {}),
      });
    case 'StepCompleted':
      return updateStep(state, event.data.stepId, {
        status: 'completed',
        output: event.data.output,
      });
    case 'StepFailed':
      return updateStep(state, event.data.stepId, { status: 'failed', error: event.data.error });
    case 'WorkflowCompleted':
      return { ...state, status: 'completed', summary: event.data.summary };
    case 'WorkflowFailed':
      return { ...state, status: 'failed', reason: event.data.reason };
    case 'WorkflowCancelled':
      return { ...state, status: 'cancelled', reason: event.data.reason };
  }
}
