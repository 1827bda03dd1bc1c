import { describe, expect, it } from 'vitest';
import type { AgentTask } from '../domain/agent/state';
import { sortTasks, type TaskTimes } from './task-order';

const task = (taskId: string): AgentTask => ({
  taskId,
  workflowId: '6f1c1f7e-8f57-4a35-9d3c-0b7c8f0e9a11',
  stepId: taskId,
  status: 'completed',
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  durationMs: 0,
});
const at = (occurredAt: string) => ({ occurredAt, recordedAt: '2026-01-01T00:00:00.000Z' });

// Written late, early, oldest, running: an import wrote the older tasks last.
const tasks = ['late', 'early', 'oldest', 'running'].map(task);
const times = new Map<string, TaskTimes>([
  ['late', { started: at('2024-01-10T00:00:00.000Z'), ended: at('2024-01-11T00:00:00.000Z') }],
  ['early', { started: at('2024-01-05T00:00:00.000Z'), ended: at('2024-01-06T00:00:00.000Z') }],
  ['oldest', { started: at('2024-01-02T00:00:00.000Z'), ended: at('2024-01-03T00:00:00.000Z') }],
  ['running', { started: at('2024-01-07T00:00:00.000Z') }],
]);
const order = (sort: Parameters<typeof sortTasks>[2]) =>
  sortTasks(tasks, times, sort).map((t) => t.taskId);

describe('sortTasks', () => {
  it('orders by business time, not by the order the tasks were written', () => {
    expect(order('-started')).toEqual(['late', 'running', 'early', 'oldest']);
    expect(order('started')).toEqual(['oldest', 'early', 'running', 'late']);
  });

  it('puts a task without the time sorted on last, either way', () => {
    expect(order('-ended')).toEqual(['late', 'early', 'oldest', 'running']);
    expect(order('ended')).toEqual(['oldest', 'early', 'late', 'running']);
  });

  it('keeps the times and the order of writing with each task', () => {
    const [late] = sortTasks(tasks, times, '-started');
    expect(late).toMatchObject({ written: 1, ended: times.get('late')?.ended });
  });
});
