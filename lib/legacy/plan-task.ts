import { cleanStatus } from './clean';
import type { Note, Refusal, Source } from './plan-types';
import type { LegacyStep, LegacyTaskRun } from './read-legacy';

export type Usage = { tokensIn: number; tokensOut: number; costUsd: number; durationMs: number };
export type TaskOutcome = { kind: string; usage: Usage; source: Source };

const ZERO: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0, durationMs: 0 };

/** A run's numbers, or why they cannot be taken (a negative count, a cost that is no number). */
function usageOf(run: LegacyTaskRun, notes: Note[]): Usage | string {
  const source: Source = { table: 'agent_task_runs', key: run.id };
  const values = {
    tokensIn: run.tokens_in,
    tokensOut: run.tokens_out,
    costUsd: run.cost_usd === null ? null : Number(run.cost_usd),
    durationMs: run.duration_ms,
  };
  const usage = { ...ZERO };
  for (const [name, value] of Object.entries(values) as [keyof Usage, number | null][]) {
    if (value === null) {
      notes.push({ ...source, note: `${name} is missing; recorded as 0` });
    } else if (!Number.isFinite(value) || value < 0) {
      return `${name} is ${value}; it must be a number ≥ 0`;
    } else {
      usage[name] = value;
    }
  }
  return usage;
}

/**
 * What the step's agent spent on a finished step: the agent records one task per step, so of
 * several runs the latest is taken and the others are refused; a step with no run spent nothing.
 */
export function planTask({
  step,
  agent,
  runs,
  refused,
  notes,
}: {
  step: LegacyStep;
  agent: number | undefined;
  runs: LegacyTaskRun[];
  refused: Refusal[];
  notes: Note[];
}): TaskOutcome | null {
  const stepSource: Source = { table: 'workflow_steps', key: step.id };
  const refuse = (run: LegacyTaskRun, reason: string) =>
    refused.push({ table: 'agent_task_runs', key: run.id, reason });
  const candidates: { run: LegacyTaskRun; usage: Usage }[] = [];
  for (const run of runs) {
    if (agent === undefined) refuse(run, `its step ${step.id} has no imported agent`);
    else if (run.agent_id !== agent) {
      refuse(run, `its agent ${run.agent_id} is not the step's agent ${agent}`);
    } else {
      const usage = usageOf(run, notes);
      if (typeof usage === 'string') refuse(run, usage);
      else candidates.push({ run, usage });
    }
  }
  if (agent === undefined) return null;
  candidates.sort(
    (a, b) =>
      (a.run.started_at?.getTime() ?? -Infinity) - (b.run.started_at?.getTime() ?? -Infinity) ||
      a.run.id - b.run.id,
  );
  const taken = candidates.pop();
  for (const { run } of candidates) {
    refuse(
      run,
      `step ${step.id} has a later run (${taken!.run.id}); an agent records one task per step`,
    );
  }
  const kind = cleanStatus(step.status) === 'completed' ? 'AgentTaskCompleted' : 'AgentTaskFailed';
  if (!taken) {
    notes.push({
      ...stepSource,
      note: 'no task run recorded; the agent is recorded as spending nothing',
    });
    return { kind, usage: ZERO, source: stepSource };
  }
  const runStatus = cleanStatus(taken.run.status);
  const expected = kind === 'AgentTaskCompleted' ? 'ok' : 'error';
  if (runStatus !== expected) {
    notes.push({
      table: 'agent_task_runs',
      key: taken.run.id,
      note: `status "${taken.run.status}" disagrees with its step (${cleanStatus(step.status)}); the step's is kept`,
    });
  }
  return { kind, usage: taken.usage, source: { table: 'agent_task_runs', key: taken.run.id } };
}
