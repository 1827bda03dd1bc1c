import type { AgentEvent } from './events';
import type { Agent, AgentTask } from './state';

const updateTask = (
  state: Agent,
  taskId: string,
  change: (task: AgentTask) => AgentTask,
): AgentTask[] => state.tasks.map((task) => (task.taskId === taskId ? change(task) : task));

export function evolve(state: Agent | null, event: AgentEvent): Agent {
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
    case 'AgentTaskFailed':
      return {
        ...state,
        tasks: updateTask(state, event.data.taskId, (task) => ({
          ...task,
          status: 'failed',
          error: event.data.error,
        })),
        totals: { ...totals, failed: totals.failed + 1 },
      };
  }
}
