import { domainError } from '../../errors';
import type { AgentCommand } from './commands';
import type { AgentEvent } from './events';
import type { Agent, AgentTask } from './state';

const updateTask = (
  state: Agent,
  taskId: string,
  change: (task: AgentTask) => AgentTask,
): AgentTask[] => state.tasks.map((task) => (task.taskId === taskId ? change(task) : task));

const commandOf = {
  AgentRegistered: 'register',
  AgentTaskStarted: 'startTask',
  AgentTaskCompleted: 'completeTask',
  AgentTaskFailed: 'failTask',
} as const satisfies Record<AgentEvent['type'], AgentCommand['command']>;

const refuse = (command: AgentCommand['command'], why: string) =>
  domainError(`Cannot ${command} for agent: ${why}`, { command, reason: why });

/** Refuses an event that cannot follow the state, whether decide or a stored history offers it. */
function assertCanFollow(state: Agent | null, event: AgentEvent): void {
  const command = commandOf[event.type];
  if (event.type === 'AgentRegistered') {
    if (state) throw refuse(command, 'it is already registered');
    return;
  }
  if (!state) throw refuse(command, 'it is not registered');
  const task = state.tasks.find((t) => t.taskId === event.data.taskId);
  if (event.type === 'AgentTaskStarted') {
    if (task) throw refuse(command, `task ${event.data.taskId} was already started`);
  } else if (task?.status !== 'running') {
    throw refuse(command, `task ${event.data.taskId} is not running`);
  }
}

/** Applies one event, or refuses (a domain error) an event that cannot follow the state. */
export function evolve(state: Agent | null, event: AgentEvent): Agent {
  assertCanFollow(state, event);
  if (event.type === 'AgentRegistered') {
    return {
      ...event.data,
      tasks: [],
      totals: { tasks: 0, completed: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 },
    };
  }
  if (!state) throw new Error(`${event.type} before AgentRegistered`);
  const { totals } = state;
  switch (event.type) {
    case 'AgentTaskStarted':
      return {
        ...state,
        tasks: [
          ...state.tasks,
          {
            ...event.data,
            status: 'running',
            tokensIn: 0,
            tokensOut: 0,
            costUsd: 0,
            durationMs: 0,
          },
        ],
        totals: { ...totals, tasks: totals.tasks + 1 },
      };
    case 'AgentTaskCompleted': {
      const { taskId, ...usage } = event.data;
      return {
        ...state,
        tasks: updateTask(state, taskId, (task) => ({ ...task, ...usage, status: 'completed' })),
        totals: {
          ...totals,
          completed: totals.completed + 1,
          tokensIn: totals.tokensIn + usage.tokensIn,
          tokensOut: totals.tokensOut + usage.tokensOut,
          costUsd: Math.round((totals.costUsd + usage.costUsd) * 1e6) / 1e6,
        },
      };
    }
    case 'AgentTaskFailed': {
      const { taskId, error, ...spent } = event.data;
      return {
        ...state,
        tasks: updateTask(state, taskId, (task) => ({
          ...task,
          ...spent,
          status: 'failed',
          error,
        })),
        totals: {
          ...totals,
          failed: totals.failed + 1,
          tokensIn: totals.tokensIn + (spent.tokensIn ?? 0),
          tokensOut: totals.tokensOut + (spent.tokensOut ?? 0),
          costUsd: Math.round((totals.costUsd + (spent.costUsd ?? 0)) * 1e6) / 1e6,
        },
      };
    }
  }
}
