import type { Agent } from '../domain/agent/state';
import { personEmail } from '../domain/workflow/events';
import type { Workflow } from '../domain/workflow/state';
import { cleanStatus, cleanText } from './clean';
import { legacyAgentId, legacyStepId, legacyWorkflowId } from './legacy-ids';
import type { Refusal } from './plan-types';
import type { LegacyData, LegacyTable } from './read-legacy';

export type Difference = {
  table: LegacyTable;
  key: number;
  field: string;
  legacy: unknown;
  imported: unknown;
};

export type Validation = {
  workflows: { checked: number; equal: number };
  agents: { checked: number; equal: number };
  differences: Difference[];
};

type Loaders = {
  workflow: (workflowId: string) => Promise<Workflow | null>;
  agent: (agentId: string) => Promise<Agent | null>;
};

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function compare(
  differences: Difference[],
  table: LegacyTable,
  key: number,
  expected: Record<string, unknown>,
  actual: Record<string, unknown> | null,
): boolean {
  const before = differences.length;
  for (const [field, legacy] of Object.entries(expected)) {
    const imported = actual?.[field];
    if (JSON.stringify(legacy) !== JSON.stringify(imported)) {
      differences.push({ table, key, field, legacy, imported });
    }
  }
  return differences.length === before;
}

/**
 * Checks the import from the legacy rows themselves, not from the plan: for every row that was
 * not refused, the state rebuilt from the stored events (or, in a dry run, from the planned
 * events) must say what the row says (status, requester, steps with their agents; per agent the
 * number of tasks and what they spent).
 */
export async function validateImport(
  legacy: LegacyData,
  refused: Refusal[],
  load: Loaders,
): Promise<Validation> {
  const out = new Set(refused.map((r) => `${r.table}:${r.key}`));
  const kept = (table: LegacyTable) => (row: { id: number }) => !out.has(`${table}:${row.id}`);
  const agents = new Set(legacy.agents.filter(kept('ai_agents')).map((a) => a.id));
  const workflows = legacy.workflows.filter(kept('research_workflows'));
  const accepted = new Set(workflows.map((w) => w.id));
  const steps = legacy.steps.filter(
    (s) => kept('workflow_steps')(s) && s.workflow_id !== null && accepted.has(s.workflow_id),
  );
  const runs = legacy.runs.filter(kept('agent_task_runs'));
  const differences: Difference[] = [];
  const result: Validation = {
    workflows: { checked: 0, equal: 0 },
    agents: { checked: 0, equal: 0 },
    differences,
  };
  const started = (status: string | null) => !['pending', null].includes(cleanStatus(status));

  for (const row of workflows) {
    const own = steps
      .filter((s) => s.workflow_id === row.id)
      .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.id - b.id);
    const requester = cleanText(row.requested_by);
    const expected = {
      status: cleanStatus(row.status),
      requestedBy: requester && personEmail.safeParse(requester).success ? requester : undefined,
      steps: own.map((s) => ({
        stepId: legacyStepId(s.id),
        status: cleanStatus(s.status) ?? 'pending',
        agentId:
          started(s.status) && s.agent_id !== null && agents.has(s.agent_id)
            ? legacyAgentId(s.agent_id)
            : undefined,
      })),
    };
    const state = await load.workflow(legacyWorkflowId(row.id));
    const actual = state && {
      status: state.status,
      requestedBy: state.requestedBy ?? undefined,
      steps: state.steps.map((s) => ({ stepId: s.stepId, status: s.status, agentId: s.agentId })),
    };
    result.workflows.checked++;
    if (compare(differences, 'research_workflows', row.id, expected, actual))
      result.workflows.equal++;
  }

  for (const row of legacy.agents.filter((a) => agents.has(a.id))) {
    const worked = steps.filter((s) => s.agent_id === row.id && started(s.status));
    const spent = runs.filter((r) => r.agent_id === row.id && r.step_id !== null);
    const sum = (f: (r: (typeof spent)[number]) => number) => spent.reduce((n, r) => n + f(r), 0);
    const expected = {
      tasks: worked.length,
      completed: worked.filter((s) => cleanStatus(s.status) === 'completed').length,
      failed: worked.filter((s) => cleanStatus(s.status) === 'failed').length,
      tokensIn: sum((r) => r.tokens_in ?? 0),
      tokensOut: sum((r) => r.tokens_out ?? 0),
      costUsd: round6(sum((r) => Number(r.cost_usd ?? 0))),
      durationMs: sum((r) => r.duration_ms ?? 0),
    };
    const state = await load.agent(legacyAgentId(row.id));
    const actual = state && {
      ...state.totals,
      durationMs: state.tasks.reduce((n, t) => n + t.durationMs, 0),
    };
    result.agents.checked++;
    if (compare(differences, 'ai_agents', row.id, expected, actual)) result.agents.equal++;
  }
  return result;
}
