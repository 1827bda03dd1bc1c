import { describe, expect, it } from 'vitest';
import { fold } from '../aggregate';
import { decide } from './decide';
import type { AgentEvent } from './events';
import { evolve } from './evolve';

const registered: AgentEvent = {
  type: 'AgentRegistered',
  data: { agentId: 'a1', name: 'Librarian', model: 'gpt-x', capabilities: ['search'] },
};
const started = (taskId: string): AgentEvent => ({
  type: 'AgentTaskStarted',
  data: { taskId, workflowId: '6f1c1f7e-8f57-4a35-9d3c-0b7c8f0e9a11', stepId: taskId },
});
const usage = { tokensIn: 100, tokensOut: 40, costUsd: 0.012, durationMs: 900 };

const given = (events: AgentEvent[]) => ({
  when: (command: Parameters<typeof decide>[0]) => () => decide(command, fold(evolve, events)),
});

describe('agent decisions', () => {
  it('registers once', () => {
    const command = { command: 'register', ...registered.data } as const;
    expect(given([]).when(command)()).toEqual([registered]);
    expect(given([registered]).when(command)).toThrow(/already registered/);
  });

  it('refuses tasks for an agent that is not registered', () => {
    expect(given([]).when({ command: 'startTask', ...started('t1').data } as never)).toThrow(
      /not registered/,
    );
  });

  it('starts a task once and completes or fails only a running task', () => {
    expect(
      given([registered]).when({ command: 'startTask', ...started('t1').data } as never)(),
    ).toHaveLength(1);
    expect(
      given([registered, started('t1')]).when({
        command: 'startTask',
        ...started('t1').data,
      } as never),
    ).toThrow(/already started/);
    expect(given([registered]).when({ command: 'completeTask', taskId: 't1', ...usage })).toThrow(
      /not running/,
    );
    const done: AgentEvent = { type: 'AgentTaskCompleted', data: { taskId: 't1', ...usage } };
    expect(
      given([registered, started('t1')]).when({
        command: 'completeTask',
        taskId: 't1',
        ...usage,
      })(),
    ).toEqual([done]);
    expect(
      given([registered, started('t1'), done]).when({
        command: 'failTask',
        taskId: 't1',
        error: 'x',
      }),
    ).toThrow(/not running/);
  });

  it('counts what a failed task spent, when it says', () => {
    const state = fold(evolve, [
      registered,
      started('t1'),
      { type: 'AgentTaskFailed', data: { taskId: 't1', error: 'timeout', ...usage } },
      started('t2'),
      { type: 'AgentTaskFailed', data: { taskId: 't2', error: 'refused' } },
    ]);
    expect(state?.totals).toEqual({
      tasks: 2,
      completed: 0,
      failed: 2,
      tokensIn: 100,
      tokensOut: 40,
      costUsd: 0.012,
    });
    expect(state?.tasks[0]).toMatchObject({ status: 'failed', durationMs: 900, error: 'timeout' });
    expect(
      given([registered, started('t3')]).when({
        command: 'failTask',
        taskId: 't3',
        error: 'x',
        tokensIn: 5,
      })(),
    ).toEqual([{ type: 'AgentTaskFailed', data: { taskId: 't3', error: 'x', tokensIn: 5 } }]);
  });

  it('keeps totals of tasks, tokens and cost', () => {
    const state = fold(evolve, [
      registered,
      started('t1'),
      { type: 'AgentTaskCompleted', data: { taskId: 't1', ...usage } },
      started('t2'),
      { type: 'AgentTaskCompleted', data: { taskId: 't2', ...usage, costUsd: 0.001 } },
      started('t3'),
      { type: 'AgentTaskFailed', data: { taskId: 't3', error: 'rate limited' } },
    ]);
    expect(state?.totals).toEqual({
      tasks: 3,
      completed: 2,
      failed: 1,
      tokensIn: 200,
      tokensOut: 80,
      costUsd: 0.013,
    });
    expect(state?.tasks.map((t) => t.status)).toEqual(['completed', 'completed', 'failed']);
  });
});

describe('the agent fold refuses a history decide could not have written', () => {
  it.each([
    ['a task before registration', [started('t1')], /not registered/],
    ['a second registration', [registered, registered], /already registered/],
    ['a task started twice', [registered, started('t1'), started('t1')], /already started/],
    [
      'a task completed that never started',
      [registered, { type: 'AgentTaskCompleted', data: { taskId: 't9', ...usage } }],
      /task t9 is not running/,
    ],
  ] as [string, AgentEvent[], RegExp][])('%s', (_, events, message) => {
    expect(() => fold(evolve, events)).toThrow(message);
  });
});
