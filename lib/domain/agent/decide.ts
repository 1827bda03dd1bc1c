import { domainError } from '../../errors';
import type { AgentCommand } from './commands';
import type { AgentEvent } from './events';
import type { Agent } from './state';

const refuse = (command: AgentCommand['command'], why: string) =>
  domainError(`Cannot ${command} for agent: ${why}`, { command, reason: why });

export function decide(command: AgentCommand, state: Agent | null): AgentEvent[] {
  if (command.command === 'register') {
    if (state) throw refuse('register', 'it is already registered');
    const { agentId, name, model, capabilities } = command;
    return [{ type: 'AgentRegistered', data: { agentId, name, model, capabilities } }];
  }
  if (!state) throw refuse(command.command, 'it is not registered');
  const task = state.tasks.find((t) => t.taskId === command.taskId);
  switch (command.command) {
    case 'startTask': {
      if (task) throw refuse('startTask', `task ${command.taskId} was already started`);
      const { taskId, workflowId, stepId } = command;
      return [{ type: 'AgentTaskStarted', data: { taskId, workflowId, stepId } }];
    }
    case 'completeTask': {
      if (task?.status !== 'running')
        throw refuse('completeTask', `task ${command.taskId} is not running`);
      const { taskId, tokensIn, tokensOut, costUsd, durationMs } = command;
      return [
        { type: 'AgentTaskCompleted', data: { taskId, tokensIn, tokensOut, costUsd, durationMs } },
      ];
    }
    case 'failTask':
      if (task?.status !== 'running')
        throw refuse('failTask', `task ${command.taskId} is not running`);
      return [{ type: 'AgentTaskFailed', data: { taskId: command.taskId, error: command.error } }];
  }
}
