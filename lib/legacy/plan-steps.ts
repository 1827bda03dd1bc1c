import { stepStatuses } from '../domain/workflow/state';
import { cleanStatus, cleanText, isoOf } from './clean';
import { legacyAgentId, legacyStepId, legacyWorkflowId } from './legacy-ids';
import type { Draft, Note, Refusal, Source } from './plan-types';
import type { LegacyStep, LegacyTaskRun, LegacyWorkflow } from './read-legacy';
import { planTask, type TaskOutcome } from './plan-task';

export const LIMITS = { title: 200, question: 2000, reason: 2000, summary: 5000, error: 2000 };

export type WorkflowInput = {
  row: LegacyWorkflow;
  steps: LegacyStep[];
  runsByStep: Map<number, LegacyTaskRun[]>;
  /** Legacy ids of the agents being imported. */
  agents: Set<number>;
  now: Date;
};

/** A row the domain cannot hold: refused with this message. */
export class Refused extends Error {}

export function required(value: string | null, what: string, max: number): string {
  if (value === null) throw new Refused(`${what} is missing`);
  if (value.length > max) {
    throw new Refused(`${what} is ${value.length} characters; at most ${max} are allowed`);
  }
  return value;
}

export type StepPlan = {
  row: LegacyStep;
  stepId: string;
  title: string;
  status: string;
  agent?: number;
};

/** The step rows the workflow can hold, in position order; the others refused with a reason. */
export function acceptedSteps(
  input: WorkflowInput,
  status: string,
  refused: Refusal[],
  notes: Note[],
) {
  const ordered = [...input.steps].sort(
    (a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.id - b.id,
  );
  const plans: StepPlan[] = [];
  for (const row of ordered) {
    const source: Source = { table: 'workflow_steps', key: row.id };
    const stepStatus = cleanStatus(row.status) ?? 'pending';
    if (row.status === null) notes.push({ ...source, note: 'status is missing; taken as pending' });
    if (!(stepStatuses as readonly string[]).includes(stepStatus)) {
      refused.push({ ...source, reason: `unknown step status "${row.status}"` });
      continue;
    }
    if (status === 'draft' && stepStatus !== 'pending') {
      refused.push({
        ...source,
        reason: `step is ${stepStatus} but its workflow was never started (draft)`,
      });
      continue;
    }
    let title = cleanText(row.title);
    if (title === null) {
      title = `Step ${row.position ?? row.id}`;
      notes.push({ ...source, note: `title is missing; named "${title}"` });
    }
    if (title.length > LIMITS.title) {
      refused.push({
        ...source,
        reason: `title is ${title.length} characters; at most ${LIMITS.title} are allowed`,
      });
      continue;
    }
    let agent: number | undefined;
    if (row.agent_id !== null) {
      if (input.agents.has(row.agent_id)) agent = row.agent_id;
      else
        notes.push({
          ...source,
          note: `agent ${row.agent_id} does not exist; imported without an agent`,
        });
    }
    plans.push({ row, stepId: legacyStepId(row.id), title, status: stepStatus, agent });
  }
  return plans;
}

/** The events of one step past StepAdded, with its agent's side of each. */
export function stepLifecycle(
  step: StepPlan,
  workflowStart: Date,
  input: WorkflowInput,
  refused: Refusal[],
  notes: Note[],
): Draft[] {
  const { row, stepId } = step;
  const source: Source = { table: 'workflow_steps', key: row.id };
  const runs = input.runsByStep.get(row.id) ?? [];
  const finished = step.status === 'completed' || step.status === 'failed';
  if (step.status === 'pending') {
    for (const run of runs) {
      refused.push({
        table: 'agent_task_runs',
        key: run.id,
        reason: `its step ${row.id} is pending`,
      });
    }
    return [];
  }
  let startedAt = row.started_at;
  if (!startedAt) {
    startedAt = workflowStart;
    notes.push({ ...source, note: 'started_at is missing; taken as the workflow start' });
  }
  const workflowId = legacyWorkflowId(row.workflow_id!);
  const taskId = `${workflowId}:${stepId}`;
  const started: Draft = {
    kind: 'StepStarted',
    type: 'StepStarted',
    data: { stepId, ...(step.agent === undefined ? {} : { agentId: legacyAgentId(step.agent) }) },
    at: startedAt,
    source,
  };
  const drafts: Draft[] = [started];
  if (!finished) {
    for (const run of runs) {
      refused.push({
        table: 'agent_task_runs',
        key: run.id,
        reason: `its step ${row.id} is still running`,
      });
    }
  }
  const task: TaskOutcome | null = finished
    ? planTask({ step: row, agent: step.agent, runs, refused, notes })
    : null;
  let finishedAt = row.finished_at;
  if (finished && !finishedAt) {
    finishedAt = startedAt;
    notes.push({ ...source, note: 'finished_at is missing; taken as started_at' });
  }
  if (finished && finishedAt! < startedAt) {
    notes.push({
      ...source,
      note: `finished_at ${isoOf(finishedAt!)} is before started_at ${isoOf(startedAt)}; taken as started_at`,
    });
    finishedAt = startedAt;
  }
  let ended: Draft | undefined;
  if (step.status === 'completed') {
    if (row.output === null)
      notes.push({ ...source, note: 'output is missing; recorded as empty' });
    ended = {
      kind: 'StepCompleted',
      type: 'StepCompleted',
      data: { stepId, output: row.output?.normalize('NFC') ?? '' },
      at: finishedAt!,
      source,
    };
  } else if (step.status === 'failed') {
    let error = cleanText(row.error);
    if (error === null) {
      error = 'no error recorded';
      notes.push({ ...source, note: `error is missing; recorded as "${error}"` });
    }
    required(error, `step ${row.id}'s error`, LIMITS.error);
    ended = {
      kind: 'StepFailed',
      type: 'StepFailed',
      data: { stepId, error },
      at: finishedAt!,
      source,
    };
  }
  if (ended) drafts.push(ended);
  if (step.agent !== undefined) {
    const agentSide: Draft[] = [
      {
        kind: 'AgentTaskStarted',
        type: 'AgentTaskStarted',
        data: { taskId, workflowId, stepId },
        at: started.at,
        source,
        causedBy: started,
      },
    ];
    if (ended && task) {
      agentSide.push({
        kind: task.kind,
        type: ended.type === 'StepCompleted' ? 'AgentTaskCompleted' : 'AgentTaskFailed',
        data: {
          taskId,
          ...task.usage,
          ...(ended.type === 'StepFailed' ? { error: ended.data.error } : {}),
        },
        at: ended.at,
        source: task.source,
        causedBy: ended,
      });
    }
    started.agentSide = agentSide;
  }
  return drafts;
}
