import { fold } from '../aggregate';
import type { AgentCommand } from './commands';
import type { AgentEvent } from './events';
import { evolve } from './evolve';
import type { Agent } from './state';

function eventFor(command: AgentCommand): AgentEvent {
  switch (command.command) {
    case 'register': {
      const { agentId, name, model, capabilities } = command;
      return { type: 'AgentRegistered', data: { agentId, name, model, capabilities } };
    }
    case 'startTask': {
      const { taskId, workflowId, stepId } = command;
      return { type: 'AgentTaskStarted', data: { taskId, workflowId, stepId } };
    }
    case 'completeTask': {
      const { taskId, tokensIn, tokensOut, costUsd, durationMs } = command;
      return {
        type: 'AgentTaskCompleted',
        data: { taskId, tokensIn, tokensOut, costUsd, durationMs },
      };
    }
    case 'failTask': {
      const { taskId, error, tokensIn, tokensOut, costUsd, durationMs } = command;
      const spent = { tokensIn, tokensOut, costUsd, durationMs };
      return {
        type: 'AgentTaskFailed',
        data: {
          taskId,
          error,
          ...Object.fromEntries(Object.entries(spent).filter(([, v]) => v !== undefined)),
        },
      };
    }
  }
}

/** The events a command causes; the fold refuses what cannot follow the state (evolve.ts). */
export function decide(command: AgentCommand, state: Agent | null): AgentEvent[] {
  const events = [eventFor(command)];
  fold(evolve, events, state);
  return events;
}
