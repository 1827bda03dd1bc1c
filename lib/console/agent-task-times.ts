import 'server-only';
import type { Actor } from '../actor';
import { agentStreamId } from '../domain/agent';
import type { RecordedEvent } from '../event-store';
import { getChronicle } from '../runtime';
import type { EventTimes } from './event-times';
import type { TaskTimes } from './task-order';

export type AgentTimeline = {
  registered?: EventTimes;
  /**
   * The latest business time of any of its events (imports can write older events last), and
   * the latest recording.
   */
  lastActivity?: EventTimes;
  tasks: Map<string, TaskTimes>;
};

const timesOf = (event: RecordedEvent): EventTimes => ({
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
});

const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);

/**
 * When an agent was registered, last active, and when each task started and ended, from its
 * stream's events up to `version` (the agent's state keeps no times).
 */
export async function agentTimeline(
  actor: Actor,
  agentId: string,
  version: number,
): Promise<AgentTimeline> {
  const { store } = await getChronicle();
  const events = await store.readForFold({
    actor,
    streamId: agentStreamId(agentId),
    afterVersion: 0,
    upToVersion: version,
  });
  const timeline: AgentTimeline = { tasks: new Map() };
  for (const event of events) {
    const times = timesOf(event);
    const { lastActivity } = timeline;
    timeline.lastActivity = lastActivity
      ? {
          occurredAt: later(lastActivity.occurredAt, times.occurredAt),
          recordedAt: later(lastActivity.recordedAt, times.recordedAt),
        }
      : times;
    const taskId = typeof event.data.taskId === 'string' ? event.data.taskId : undefined;
    if (event.type === 'AgentRegistered') timeline.registered = times;
    if (!taskId) continue;
    const task = timeline.tasks.get(taskId) ?? {};
    if (event.type === 'AgentTaskStarted') task.started = times;
    if (event.type === 'AgentTaskCompleted' || event.type === 'AgentTaskFailed') task.ended = times;
    timeline.tasks.set(taskId, task);
  }
  return timeline;
}
