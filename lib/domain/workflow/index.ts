import type { Aggregate } from '../aggregate';
import type { WorkflowCommand } from './commands';
import { decide } from './decide';
import { CATEGORY, workflowEventTypes, type WorkflowEvent } from './events';
import { evolve } from './evolve';
import type { Workflow } from './state';

export const workflowAggregate: Aggregate<Workflow, WorkflowCommand, WorkflowEvent> = {
  type: CATEGORY,
  stateVersion: 1,
  idOf: (streamId) => streamId.slice(CATEGORY.length + 1),
  stateId: (state) => state.workflowId,
  evolve,
  decide,
  events: workflowEventTypes,
};

export const workflowStreamId = (workflowId: string) => `${CATEGORY}-${workflowId}`;
