import { describe, expect, it } from 'vitest';
import { ChronicleError } from '../../errors';
import { fold } from '../aggregate';
import type { WorkflowCommand } from './commands';
import { decide } from './decide';
import { allowedCommands } from './transitions';
import type { WorkflowEvent } from './events';
import { evolve } from './evolve';
import type { StepStatus, Workflow, WorkflowStatus } from './state';

const workflowId = '6f1c1f7e-8f57-4a35-9d3c-0b7c8f0e9a11';
const created: WorkflowEvent = {
  type: 'WorkflowCreated',
  data: {
    workflowId,
    title: 'Sleep and memory',
    question: 'Does sleep help recall?',
    methodology: { design: 'RCT' },
  },
};
const stepAdded = (stepId: string, title = `step ${stepId}`): WorkflowEvent => ({
  type: 'StepAdded',
  data: { stepId, title },
});

/** The events a command decides on a state, or the domain error it throws. */
function decideOn(state: Workflow | null, command: WorkflowCommand) {
  try {
    return { events: decide(command, state), error: undefined };
  } catch (error) {
    if (!(error instanceof ChronicleError)) throw error;
    return { events: undefined, error };
  }
}

/** Given these events, when this command: the events it decides (or the domain error it throws). */
function given(events: WorkflowEvent[]) {
  const state = fold(evolve, events);
  return { when: (command: WorkflowCommand) => decideOn(state, command) };
}

const history: Record<WorkflowStatus, WorkflowEvent[]> = {
  draft: [created],
  running: [created, { type: 'WorkflowStarted', data: {} }],
  paused: [created, { type: 'WorkflowStarted', data: {} }, { type: 'WorkflowPaused', data: {} }],
  completed: [
    created,
    { type: 'WorkflowStarted', data: {} },
    { type: 'WorkflowCompleted', data: { summary: 'done' } },
  ],
  failed: [
    created,
    { type: 'WorkflowStarted', data: {} },
    { type: 'WorkflowFailed', data: { reason: 'broken' } },
  ],
  cancelled: [created, { type: 'WorkflowCancelled', data: { reason: 'dropped' } }],
};

const commands: Record<Exclude<WorkflowCommand['command'], 'create'>, WorkflowCommand> = {
  start: { command: 'start' },
  pause: { command: 'pause' },
  resume: { command: 'resume' },
  addStep: { command: 'addStep', title: 'Collect data', stepId: 'new' },
  startStep: { command: 'startStep', stepId: 's1', agentId: 'agent-7' },
  completeStep: { command: 'completeStep', stepId: 's1', output: 'ok' },
  failStep: { command: 'failStep', stepId: 's1', error: 'timeout' },
  complete: { command: 'complete', summary: 'Findings' },
  fail: { command: 'fail', reason: 'no data' },
  cancel: { command: 'cancel', reason: 'no budget' },
};

/** Written out by hand: which command is allowed from which status. */
const allowed: Record<WorkflowStatus, string[]> = {
  draft: ['start', 'addStep', 'cancel'],
  running: [
    'pause',
    'addStep',
    'startStep',
    'completeStep',
    'failStep',
    'complete',
    'fail',
    'cancel',
  ],
  paused: ['resume', 'addStep', 'fail', 'cancel'],
  completed: [],
  failed: [],
  cancelled: [],
};

/**
 * Step s1 in the status each step command needs, so only the workflow status decides. Given as
 * state: no valid history has, say, a running step in a completed workflow.
 */
const stepSetup: Partial<Record<string, StepStatus>> = {
  startStep: 'pending',
  completeStep: 'running',
  failStep: 'running',
};

describe('workflow transitions', () => {
  for (const status of Object.keys(history) as WorkflowStatus[]) {
    for (const [name, command] of Object.entries(commands)) {
      const isAllowed = allowed[status].includes(name);
      it(`${name} from ${status} is ${isAllowed ? 'allowed' : 'refused'}`, () => {
        const state = fold(evolve, history[status])!;
        const stepStatus = stepSetup[name];
        const steps = stepStatus ? [{ stepId: 's1', title: 'S1', status: stepStatus }] : [];
        const { events, error } = decideOn({ ...state, steps }, command);
        if (isAllowed) {
          expect(error).toBeUndefined();
          expect(events).toHaveLength(1);
        } else {
          expect(error?.code).toBe('domain');
          expect(error?.message).toContain(`Cannot ${name} workflow (status ${status})`);
        }
      });
    }
    it(`the console offers exactly the allowed commands when ${status}`, () => {
      const state = fold(evolve, history[status])!;
      expect(allowedCommands(state).sort()).toEqual([...allowed[status]].sort());
    });
  }
});

describe('workflow decisions', () => {
  it('create: writes WorkflowCreated once, then refuses', () => {
    const command: WorkflowCommand = { command: 'create', ...created.data };
    expect(given([]).when(command).events).toEqual([created]);
    expect(given([created]).when(command).error?.message).toMatch(/already exists/);
  });

  it('create: keeps the requester in the event and the state', () => {
    const requestedBy = 'researcher@lab.example';
    const [event] = given([]).when({ command: 'create', ...created.data, requestedBy }).events!;
    expect(event).toEqual({ type: 'WorkflowCreated', data: { ...created.data, requestedBy } });
    expect(fold(evolve, [event!])?.requestedBy).toBe(requestedBy);
    expect(fold(evolve, [created])).not.toHaveProperty('requestedBy');
  });

  it('any other command on a workflow that does not exist is refused as not found', () => {
    const { error } = given([]).when({ command: 'start' });
    expect(error?.code).toBe('not_found');
    expect(error?.message).toMatch(/does not exist/);
  });

  it('the state follows the events', () => {
    const state = fold(evolve, [
      ...history.running,
      stepAdded('s1', 'Collect'),
      stepAdded('s2', 'Analyse'),
      { type: 'StepStarted', data: { stepId: 's1', agentId: 'a-1' } },
      { type: 'StepCompleted', data: { stepId: 's1', output: { rows: 3 } } },
      { type: 'StepStarted', data: { stepId: 's2' } },
      { type: 'StepFailed', data: { stepId: 's2', error: 'crashed' } },
    ]);
    expect(state).toMatchObject({
      workflowId,
      status: 'running',
      title: 'Sleep and memory',
      steps: [
        {
          stepId: 's1',
          title: 'Collect',
          status: 'completed',
          agentId: 'a-1',
          output: { rows: 3 },
        },
        { stepId: 's2', title: 'Analyse', status: 'failed', error: 'crashed' },
      ],
    });
  });

  it('addStep refuses a step id that exists', () => {
    const { error } = given([...history.running, stepAdded('s1')]).when({
      command: 'addStep',
      title: 'again',
      stepId: 's1',
    });
    expect(error?.message).toMatch(/step s1 already exists/);
  });

  it.each([
    [
      'startStep',
      [stepAdded('s1'), { type: 'StepStarted', data: { stepId: 's1' } }],
      /is running, and only a pending step/,
    ],
    ['completeStep', [stepAdded('s1')], /is pending, and only a running step/],
    ['failStep', [stepAdded('s1')], /is pending, and only a running step/],
    ['startStep', [], /has no step s1/],
  ] as [keyof typeof commands, WorkflowEvent[], RegExp][])(
    '%s refuses a step in the wrong state',
    (name, steps, message) => {
      expect(given([...history.running, ...steps]).when(commands[name]).error?.message).toMatch(
        message,
      );
    },
  );

  it('complete refuses while steps are unfinished and names them', () => {
    const { error } = given([...history.running, stepAdded('s1', 'Collect')]).when(
      commands.complete,
    );
    expect(error?.message).toMatch(/1 step\(s\) are not finished: Collect/);
    expect(error?.details).toMatchObject({ command: 'complete', status: 'running' });
  });

  it('complete is allowed once every step has completed or failed', () => {
    const steps: WorkflowEvent[] = [
      stepAdded('s1'),
      { type: 'StepStarted', data: { stepId: 's1' } },
      { type: 'StepFailed', data: { stepId: 's1', error: 'x' } },
    ];
    expect(given([...history.running, ...steps]).when(commands.complete).events).toEqual([
      { type: 'WorkflowCompleted', data: { summary: 'Findings' } },
    ]);
  });
});

describe('the workflow fold refuses a history decide could not have written', () => {
  const refusal = (events: WorkflowEvent[]) => {
    try {
      fold(evolve, events);
      return undefined;
    } catch (error) {
      return error instanceof ChronicleError ? error.message : String(error);
    }
  };

  it.each([
    [
      'an event before WorkflowCreated',
      [{ type: 'WorkflowStarted', data: {} }],
      /Cannot start workflow: it does not exist/,
    ],
    [
      'a second WorkflowCreated',
      [created, created],
      /Cannot create workflow \(status draft\): it already exists/,
    ],
    [
      'a pause of a draft',
      [created, { type: 'WorkflowPaused', data: {} }],
      /only a running workflow/,
    ],
    [
      'a step added twice',
      [...history.running, stepAdded('s1'), stepAdded('s1')],
      /step s1 already exists/,
    ],
    [
      'a step completed before it started',
      [
        ...history.running,
        stepAdded('s1'),
        { type: 'StepCompleted', data: { stepId: 's1', output: 'x' } },
      ],
      /is pending, and only a running step/,
    ],
    [
      'a completion with a step unfinished',
      [
        ...history.running,
        stepAdded('s1'),
        { type: 'WorkflowCompleted', data: { summary: 'done' } },
      ],
      /1 step\(s\) are not finished/,
    ],
    [
      'anything after the end',
      [...history.cancelled, { type: 'WorkflowResumed', data: {} }],
      /status cancelled/,
    ],
  ] as [string, WorkflowEvent[], RegExp][])('%s', (_, events, message) => {
    expect(refusal(events)).toMatch(message);
  });

  it('accepts every history decide writes', () => {
    for (const events of Object.values(history)) expect(refusal(events)).toBeUndefined();
  });
});

describe('people named by a workflow', () => {
  it('keeps the requester, and who a step output is about, in the state', () => {
    const { events } = decideOn(null, {
      command: 'create',
      workflowId,
      title: 't',
      question: 'q',
      methodology: {},
      requestedBy: 'ada@example.org',
    });
    expect(events).toEqual([
      {
        type: 'WorkflowCreated',
        data: {
          workflowId,
          title: 't',
          question: 'q',
          methodology: {},
          requestedBy: 'ada@example.org',
        },
      },
    ]);
    const running = [
      ...history.running,
      stepAdded('s1'),
      { type: 'StepStarted', data: { stepId: 's1' } },
    ] as WorkflowEvent[];
    const completed = given(running).when({
      command: 'completeStep',
      stepId: 's1',
      output: 'notes',
      subject: 'grace@example.org',
    }).events!;
    expect(completed).toEqual([
      {
        type: 'StepCompleted',
        data: { stepId: 's1', output: 'notes', subject: 'grace@example.org' },
      },
    ]);
    const state = fold(evolve, [...events!, ...running.slice(1), ...completed] as WorkflowEvent[]);
    expect(state?.requestedBy).toBe('ada@example.org');
    expect(state?.steps[0]).toMatchObject({ output: 'notes', subject: 'grace@example.org' });
  });

  it('leaves them out of the state of a workflow that names nobody', () => {
    const state = fold(evolve, history.running);
    expect(state).not.toHaveProperty('requestedBy');
  });
});
