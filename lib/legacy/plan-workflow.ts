import { fold } from '../domain/aggregate';
import type { WorkflowEvent } from '../domain/workflow/events';
import { personEmail } from '../domain/workflow/events';
import { evolve } from '../domain/workflow/evolve';
import { stepStatuses, workflowStatuses, type Workflow } from '../domain/workflow/state';
import { ChronicleError } from '../errors';
import { cleanStatus, cleanText, isoOf } from './clean';
import { legacyAgentId, legacyStepId, legacyWorkflowId } from './legacy-ids';
import type { Draft, Note, Refusal, Source } from './plan-types';
import type { LegacyStep, LegacyTaskRun, LegacyWorkflow } from './read-legacy';
import { planTask, type TaskOutcome } from './plan-task';
import { firstTime, inTimeOrder } from './time-order';

const LIMITS = { title: 200, question: 2000, reason: 2000, summary: 5000, error: 2000 };

export type WorkflowInput = {
  row: LegacyWorkflow;
  steps: LegacyStep[];
  runsByStep: Map<number, LegacyTaskRun[]>;
  /** Legacy ids of the agents being imported. */
  agents: Set<number>;
  now: Date;
};

export type PlannedWorkflow =
  | { refusal: string }
  | {
      drafts: Draft[];
      state: Workflow;
      /** Per legacy agent id: the agent's side of each step it worked on. */
      agentDrafts: Map<number, Draft[]>;
      refused: Refusal[];
      notes: Note[];
    };

class Refused extends Error {}

function required(value: string | null, what: string, max: number): string {
  if (value === null) throw new Refused(`${what} is missing`);
  if (value.length > max) {
    throw new Refused(`${what} is ${value.length} characters; at most ${max} are allowed`);
  }
  return value;
}

/** The methodology as an object: a legacy value of another JSON type is kept under `value`. */
function methodologyOf(value: unknown, notes: Note[], source: Source) {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  notes.push({ ...source, note: 'methodology is not a JSON object; kept under "value"' });
  return { value };
}

type StepPlan = { row: LegacyStep; stepId: string; title: string; status: string; agent?: number };

/** The step rows the workflow can hold, in position order; the others refused with a reason. */
function acceptedSteps(input: WorkflowInput, status: string, refused: Refusal[], notes: Note[]) {
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
function stepLifecycle(
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

/**
 * A legacy workflow as the events the workflow aggregate accepts: created, started, its steps
 * added, each step's start and end in time order, then how it stands (paused, completed, failed,
 * cancelled). The domain's own fold checks the history; a workflow it refuses is refused whole.
 */
export function planWorkflow(input: WorkflowInput): PlannedWorkflow {
  const { row } = input;
  const source: Source = { table: 'research_workflows', key: row.id };
  const refused: Refusal[] = [];
  const notes: Note[] = [];
  try {
    const status = cleanStatus(row.status);
    if (!status || !(workflowStatuses as readonly string[]).includes(status)) {
      throw new Refused(`unknown workflow status "${row.status}"`);
    }
    let title = cleanText(row.title);
    if (title === null) {
      title = cleanText(row.external_ref) ?? `Legacy workflow ${row.id}`;
      notes.push({ ...source, note: `title is missing; named "${title}"` });
    }
    required(title, 'title', LIMITS.title);
    const question = required(cleanText(row.question), 'question', LIMITS.question);
    const requester = cleanText(row.requested_by);
    const requestedBy =
      requester && personEmail.safeParse(requester).success ? requester : undefined;
    if (requester && !requestedBy) {
      notes.push({ ...source, note: 'requested_by is not an e-mail address; left out' });
    }
    const steps = acceptedSteps(input, status, refused, notes);
    const createdAt = firstTime(row.created_at, row.started_at, row.updated_at);
    if (!createdAt)
      throw new Refused('it has no time at all (created, started and updated are missing)');
    if (!row.created_at)
      notes.push({ ...source, note: 'created_at is missing; taken from the next known time' });
    const workflowId = legacyWorkflowId(row.id);
    const drafts: Draft[] = [
      {
        kind: 'WorkflowCreated',
        type: 'WorkflowCreated',
        data: {
          workflowId,
          title,
          question,
          methodology: methodologyOf(row.methodology, notes, source),
          ...(requestedBy === undefined ? {} : { requestedBy }),
        },
        at: createdAt,
        source,
      },
    ];
    let startedAt = createdAt;
    if (status !== 'draft') {
      startedAt = row.started_at ?? createdAt;
      if (!row.started_at)
        notes.push({ ...source, note: 'started_at is missing; taken as created_at' });
      drafts.push({
        kind: 'WorkflowStarted',
        type: 'WorkflowStarted',
        data: {},
        at: startedAt,
        source,
      });
    }
    for (const step of steps) {
      drafts.push({
        kind: 'StepAdded',
        type: 'StepAdded',
        data: { stepId: step.stepId, title: step.title },
        at: startedAt,
        source: { table: 'workflow_steps', key: step.row.id },
      });
    }
    const lifecycle = steps.flatMap((step) =>
      stepLifecycle(step, startedAt, input, refused, notes).map((draft, phase) => ({
        draft,
        phase,
      })),
    );
    // Stable: a step's end stays after its start, and equal times keep position order.
    lifecycle.sort((a, b) => a.draft.at.getTime() - b.draft.at.getTime() || a.phase - b.phase);
    drafts.push(...lifecycle.map(({ draft }) => draft));
    const last = drafts.at(-1)!.at;
    const endedAt = row.completed_at ?? row.updated_at ?? last;
    if (['completed', 'failed', 'cancelled'].includes(status) && !row.completed_at) {
      notes.push({
        ...source,
        note: 'completed_at is missing; taken from updated_at or the last event',
      });
    }
    const noted = (value: string | null, what: string, fallback: string, max: number) => {
      const text = cleanText(value);
      if (text !== null) return required(text, what, max);
      notes.push({ ...source, note: `${what} is missing; recorded as "${fallback}"` });
      return fallback;
    };
    if (status === 'paused') {
      drafts.push({
        kind: 'WorkflowPaused',
        type: 'WorkflowPaused',
        data: {},
        at: row.updated_at ?? last,
        source,
      });
    } else if (status === 'completed') {
      const summary = noted(row.summary, 'summary', 'no summary recorded', LIMITS.summary);
      drafts.push({
        kind: 'WorkflowCompleted',
        type: 'WorkflowCompleted',
        data: { summary },
        at: endedAt,
        source,
      });
    } else if (status === 'failed' || status === 'cancelled') {
      const reason = noted(
        row.failure_reason,
        'failure_reason',
        'no reason recorded',
        LIMITS.reason,
      );
      const type = status === 'failed' ? 'WorkflowFailed' : 'WorkflowCancelled';
      drafts.push({ kind: type, type, data: { reason }, at: endedAt, source });
    }
    inTimeOrder(drafts, notes);
    const future = drafts.find((draft) => draft.at > input.now);
    if (future) throw new Refused(`${future.type} would be at ${isoOf(future.at)}, in the future`);
    const state = fold(
      evolve,
      drafts.map(({ type, data }) => ({ type, data }) as WorkflowEvent),
    );
    const agentDrafts = new Map<number, Draft[]>();
    for (const step of steps) {
      const started = drafts.find(
        (draft) => draft.type === 'StepStarted' && draft.source.key === step.row.id,
      );
      if (!started?.agentSide || step.agent === undefined) continue;
      // The agent's events take the (ordered) times of the workflow events that caused them.
      for (const side of started.agentSide) side.at = side.causedBy!.at;
      agentDrafts.set(step.agent, [...(agentDrafts.get(step.agent) ?? []), ...started.agentSide]);
    }
    return { drafts, state: state!, agentDrafts, refused, notes };
  } catch (error) {
    if (error instanceof Refused) return { refusal: error.message };
    if (error instanceof ChronicleError)
      return { refusal: `the workflow domain refuses it: ${error.message}` };
    throw error;
  }
}
