import type { Aggregate } from '../aggregate';
import type { AgentCommand } from './commands';
import { decide } from './decide';
import { AGENT_CATEGORY, agentEventTypes, type AgentEvent } from './events';
import { evolve } from './evolve';
import type { Agent } from './state';

export const agentAggregate: Aggregate<Agent, AgentCommand, AgentEvent> = {
  type: AGENT_CATEGORY,
  stateVersion: 1,
  idOf: (streamId) => streamId.slice(AGENT_CATEGORY.length + 1),
  stateId: (state) => state.agentId,
  evolve,
  decide,
  events: agentEventTypes,
};

export const agentStreamId = (agentId: string) => `${AGENT_CATEGORY}-${agentId}`;
