import type { AgentTask } from '../domain/agent/state';
import type { EventTimes } from './event-times';

export type TaskTimes = { started?: EventTimes; ended?: EventTimes };

export const TASK_SORTS = ['-started', 'started', '-ended', 'ended'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export type NumberedTask = AgentTask & TaskTimes & { number: number };

/**
 * Tasks numbered in the order they were written, sorted by when they started or ended in
 * business time. A task without that time (one still running has no end) comes last; ties
 * keep the newest written first.
 */
export function sortTasks(
  tasks: AgentTask[],
  times: Map<string, TaskTimes>,
  sort: TaskSort,
): NumberedTask[] {
  const key = sort.endsWith('started') ? 'started' : 'ended';
  const direction = sort.startsWith('-') ? -1 : 1;
  const at = (task: NumberedTask) => {
    const time = task[key]?.occurredAt;
    return time === undefined ? undefined : Date.parse(time);
  };
  return tasks
    .map((task, index) => ({ ...task, ...times.get(task.taskId), number: index + 1 }))
    .sort((a, b) => {
      const [x, y] = [at(a), at(b)];
      if (x === undefined || y === undefined) {
        return x === y ? b.number - a.number : x === undefined ? 1 : -1;
      }
      return (x - y) * direction || b.number - a.number;
    });
}
