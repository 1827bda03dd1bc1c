import type { AgentTask } from '../domain/agent/state';
import type { EventTimes } from './event-times';

export type TaskTimes = { started?: EventTimes; ended?: EventTimes };

export const TASK_SORTS = ['-started', 'started', '-ended', 'ended'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** `written`: the task's place in the order its events were written (1 for the first). */
export type TimedTask = AgentTask & TaskTimes & { written: number };

/**
 * Tasks sorted by when they started or ended in business time. A task without that time (one still running has no end) comes last; ties
 * keep the newest written first.
 */
export function sortTasks(
  tasks: AgentTask[],
  times: Map<string, TaskTimes>,
  sort: TaskSort,
): TimedTask[] {
  const key = sort.endsWith('started') ? 'started' : 'ended';
  const direction = sort.startsWith('-') ? -1 : 1;
  const at = (task: TimedTask) => {
    const time = task[key]?.occurredAt;
    return time === undefined ? undefined : Date.parse(time);
  };
  return tasks
    .map((task, index) => ({ ...task, ...times.get(task.taskId), written: index + 1 }))
    .sort((a, b) => {
      const [x, y] = [at(a), at(b)];
      if (x === undefined || y === undefined) {
        return x === y ? b.written - a.written : x === undefined ? 1 : -1;
      }
      return (x - y) * direction || b.written - a.written;
    });
}
