import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@/lib/event-store';
import { groupEvents, MAX_GROUP, typeSummary } from './timeline-groups';

let version = 0;
const event = (type: string, data: object, correlationId?: string): RecordedEvent =>
  ({
    version: ++version,
    type,
    data,
    metadata: correlationId ? { correlationId } : {},
  }) as unknown as RecordedEvent;

describe('groupEvents', () => {
  it('merges runs of events about the same step, task or correlation, never across others', () => {
    version = 0;
    const groups = groupEvents([
      event('WorkflowCreated', {}, 'c1'),
      event('WorkflowStarted', {}, 'c1'),
      event('StepAdded', { stepId: 'a' }, 'c2'),
      event('StepStarted', { stepId: 'a' }, 'c3'),
      event('StepAdded', { stepId: 'b' }),
      event('StepCompleted', { stepId: 'a' }),
      event('Noted', {}),
      event('Noted', {}),
      event('AgentTaskStarted', { taskId: 't' }),
      event('AgentTaskCompleted', { taskId: 't' }),
    ]);
    expect(groups.map((g) => [g.label, g.events.map((e) => e.version)])).toEqual([
      ['correlation c1', [1, 2]],
      ['step a', [3, 4]],
      ['step b', [5]],
      ['step a', [6]],
      ['', [7]],
      ['', [8]],
      ['task t', [9, 10]],
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
  });

  it('closes a group at MAX_GROUP events and starts another of the same subject', () => {
    version = 0;
    const events = Array.from({ length: MAX_GROUP * 2 + 1 }, () => event('Ticked', {}, 'batch'));
    expect(groupEvents(events).map((g) => g.events.length)).toEqual([MAX_GROUP, MAX_GROUP, 1]);
  });

  it('summarises the types of a group with their counts', () => {
    version = 0;
    const events = [event('A', {}), event('B', {}), event('A', {})];
    expect(typeSummary(events)).toBe('A ×2, B');
  });
});
