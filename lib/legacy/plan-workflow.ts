import { fold } from '../domain/aggregate';
import type { WorkflowEvent } from '../domain/workflow/events';
import { personEmail } from '../domain/workflow/events';
import { evolve } from '../domain/workflow/evolve';
import { workflowStatuses, type Workflow } from '../domain/workflow/state';
import { ChronicleError } from '../errors';
import { cleanStatus, cleanText, isoOf } from './clean';
import { legacyWorkflowId } from './legacy-ids';
import {
  acceptedSteps,
  LIMITS,
  Refused,
  required,
  stepLifecycle,
  type WorkflowInput,
} from './plan-steps';
import type { Draft, Note, Refusal, Source } from './plan-types';
import { firstTime, inTimeOrder } from './time-order';

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

/** The methodology as an object: a legacy value of another JSON type is kept under `value`. */
function methodologyOf(value: unknown, notes: Note[], source: Source) {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  notes.push({ ...source, note: 'methodology is not a JSON object; kept under "value"' });
  return { value };
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
