import { AGENT_CATEGORY } from '../domain/agent/events';
import { agentStreamId } from '../domain/agent';
import { workflowStreamId } from '../domain/workflow';
import { CATEGORY as WORKFLOW_CATEGORY } from '../domain/workflow/events';
import { ChronicleError } from '../errors';
import { registry } from '../event-types';
import { legacyAgentId, legacyEventId, legacyWorkflowId } from './legacy-ids';
import { planAgentStream, planRegistration } from './plan-agent';
import type { Draft, ImportPlan, Note, PlannedEvent, PlannedStream, Refusal } from './plan-types';
import { planWorkflow } from './plan-workflow';
import type { LegacyData, LegacyTaskRun } from './read-legacy';

const eventIdOf = (draft: Draft) => legacyEventId(draft.source.table, draft.source.key, draft.kind);

/** Each draft through its event type's schema, as the store will check it; the first refusal wins. */
function schemaRefusal(category: string, drafts: Draft[]): string | null {
  for (const draft of drafts) {
    try {
      draft.data = registry.prepare(category, draft.type, draft.data).data;
    } catch (error) {
      if (!(error instanceof ChronicleError)) throw error;
      const issues =
        (error.details.errors as { path: string; message: string }[] | undefined) ?? [];
      return `${draft.type}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ') || error.message}`;
    }
  }
  return null;
}

function toEvents(drafts: Draft[], importId: string, correlationId: string): PlannedEvent[] {
  return drafts.map((draft) => ({
    eventId: eventIdOf(draft),
    type: draft.type,
    data: draft.data,
    occurredAt: draft.at,
    metadata: {
      importId,
      source: draft.source,
      correlationId: draft.correlationId ?? correlationId,
      ...(draft.causedBy ? { causationId: eventIdOf(draft.causedBy) } : {}),
    },
  }));
}

const groupBy = <T>(rows: T[], key: (row: T) => number | null) => {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
};

/**
 * The whole import, decided before anything is written: every legacy row becomes events of a
 * workflow or agent stream, or a refusal with its reason (a refused row's dependants with it),
 * and every liberty taken with a row is noted. Pure but for the clock: re-runs plan the same ids.
 */
export function planImport(legacy: LegacyData, importId: string, now = new Date()): ImportPlan {
  const refused: Refusal[] = [];
  const notes: Note[] = [];
  const registrations = new Map<number, Draft>();
  for (const row of legacy.agents) {
    const planned = planRegistration(row, now, notes);
    if (typeof planned === 'string')
      refused.push({ table: 'ai_agents', key: row.id, reason: planned });
    else registrations.set(row.id, planned);
  }
  const stepsByWorkflow = groupBy(legacy.steps, (step) => step.workflow_id);
  const runsByStep = groupBy(legacy.runs, (run) => run.step_id);
  const workflowIds = new Set(legacy.workflows.map((w) => w.id));
  const streams: PlannedStream[] = [];
  const agentTasks = new Map<number, Draft[]>();
  const refuseSteps = (workflowId: number, reason: string) => {
    for (const step of stepsByWorkflow.get(workflowId) ?? []) {
      refused.push({ table: 'workflow_steps', key: step.id, reason });
    }
  };
  for (const step of legacy.steps) {
    if (step.workflow_id === null || !workflowIds.has(step.workflow_id)) {
      refused.push({
        table: 'workflow_steps',
        key: step.id,
        reason:
          step.workflow_id === null
            ? 'workflow_id is missing'
            : `workflow ${step.workflow_id} does not exist`,
      });
    }
  }
  for (const row of legacy.workflows) {
    const planned = planWorkflow({
      row,
      steps: stepsByWorkflow.get(row.id) ?? [],
      runsByStep,
      agents: new Set(registrations.keys()),
      now,
    });
    const refusal =
      'refusal' in planned ? planned.refusal : schemaRefusal(WORKFLOW_CATEGORY, planned.drafts);
    if (refusal !== null || 'refusal' in planned) {
      refused.push({ table: 'research_workflows', key: row.id, reason: refusal! });
      refuseSteps(row.id, `its workflow ${row.id} was refused`);
      continue;
    }
    refused.push(...planned.refused);
    notes.push(...planned.notes);
    const correlationId = legacyEventId('research_workflows', row.id, 'WorkflowCreated');
    streams.push({
      kind: 'workflow',
      streamId: workflowStreamId(legacyWorkflowId(row.id)),
      source: { table: 'research_workflows', key: row.id },
      events: toEvents(planned.drafts, importId, correlationId),
      state: planned.state,
    });
    for (const [agent, drafts] of planned.agentDrafts) {
      for (const draft of drafts) draft.correlationId = correlationId;
      agentTasks.set(agent, [...(agentTasks.get(agent) ?? []), ...drafts]);
    }
  }
  for (const [key, registration] of registrations) {
    const planned = planAgentStream(registration, agentTasks.get(key) ?? [], notes);
    const refusal =
      typeof planned === 'string' ? planned : schemaRefusal(AGENT_CATEGORY, planned.drafts);
    if (refusal !== null || typeof planned === 'string') {
      refused.push({ table: 'ai_agents', key, reason: refusal! });
      continue;
    }
    streams.push({
      kind: 'agent',
      streamId: agentStreamId(legacyAgentId(key)),
      source: { table: 'ai_agents', key },
      events: toEvents(planned.drafts, importId, eventIdOf(registration)),
      state: planned.state,
    });
  }
  refused.push(...unplacedRuns(legacy.runs, streams, refused));
  return { streams, refused, notes };
}

/** Task runs no event came from and no refusal named yet: orphans, or runs of refused steps. */
function unplacedRuns(
  runs: LegacyTaskRun[],
  streams: PlannedStream[],
  refused: Refusal[],
): Refusal[] {
  const placed = new Set<number>();
  for (const stream of streams) {
    for (const event of stream.events) {
      if (event.metadata.source.table === 'agent_task_runs') placed.add(event.metadata.source.key);
    }
  }
  for (const refusal of refused) if (refusal.table === 'agent_task_runs') placed.add(refusal.key);
  const stepsRefused = new Set(
    refused.filter((r) => r.table === 'workflow_steps').map((r) => r.key),
  );
  return runs
    .filter((run) => !placed.has(run.id))
    .map((run) => ({
      table: 'agent_task_runs' as const,
      key: run.id,
      reason:
        run.step_id === null
          ? 'step_id is missing'
          : stepsRefused.has(run.step_id)
            ? `its step ${run.step_id} was refused`
            : `step ${run.step_id} does not exist or has no imported agent`,
    }));
}
