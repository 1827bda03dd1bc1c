import { agentAggregate } from '../domain/agent';
import { workflowAggregate } from '../domain/workflow';
import { categoryOf } from '../event-store/stream-id';

/** Aggregate types by stream category, for reading any stream's state (time travel). */
export const knownAggregates = [workflowAggregate, agentAggregate];

export function aggregateForStream(streamId: string) {
  const category = categoryOf(streamId);
  return knownAggregates.find((aggregate) => aggregate.type === category);
}
