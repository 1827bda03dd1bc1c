import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { validationError } from '../errors';

export type LegacyAgent = {
  id: number;
  name: string | null;
  model: string | null;
  capabilities: string | null;
  created_at: Date | null;
  retired: boolean | null;
};

export type LegacyWorkflow = {
  id: number;
  external_ref: string | null;
  title: string | null;
  question: string | null;
  methodology: unknown;
  status: string | null;
  requested_by: string | null;
  created_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  failure_reason: string | null;
  summary: string | null;
  updated_at: Date | null;
};

export type LegacyStep = {
  id: number;
  workflow_id: number | null;
  position: number | null;
  title: string | null;
  status: string | null;
  agent_id: number | null;
  output: string | null;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
};

export type LegacyTaskRun = {
  id: number;
  agent_id: number | null;
  step_id: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  cost_usd: string | null;
  duration_ms: number | null;
  status: string | null;
  started_at: Date | null;
};

export const legacyTables = [
  'ai_agents',
  'research_workflows',
  'workflow_steps',
  'agent_task_runs',
] as const;
export type LegacyTable = (typeof legacyTables)[number];

export type LegacyData = {
  agents: LegacyAgent[];
  workflows: LegacyWorkflow[];
  steps: LegacyStep[];
  runs: LegacyTaskRun[];
  /** SHA-256 of each table's rows as read, in key order: tells two copies of the source apart. */
  checksums: Record<LegacyTable, string>;
};

const checksum = (rows: readonly unknown[]) =>
  createHash('sha256')
    .update(rows.map((row) => JSON.stringify(row)).join('\n'))
    .digest('hex');

/**
 * Reads the legacy tables whole (a research group's database: thousands of rows, not millions),
 * in one repeatable-read snapshot. Timestamps without a zone are read in `timezone`, so a wall
 * clock time of a zone with daylight saving time becomes the right instant on either side of a
 * change; `ai_agents.created_at` has a zone already.
 */
export async function readLegacy(sql: postgres.Sql, timezone: string): Promise<LegacyData> {
  const [known] = await sql<{ ok: boolean }[]>`
    select exists (select 1 from pg_timezone_names where name = ${timezone}) as ok`;
  if (!known?.ok) {
    throw validationError(`Unknown time zone ${timezone}`, [
      { path: 'timezone', message: 'an IANA zone name such as UTC or Europe/Berlin' },
    ]);
  }
  const at = (column: string) => sql`(${sql(column)} at time zone ${timezone})`;
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const agents = await tx<LegacyAgent[]>`
      select id, name, model, capabilities, created_at, retired from ai_agents order by id`;
    const workflows = await tx<LegacyWorkflow[]>`
      select id, external_ref, title, question, methodology, status, requested_by,
        ${at('created_at')} as created_at, ${at('started_at')} as started_at,
        ${at('completed_at')} as completed_at, failure_reason, summary,
        ${at('updated_at')} as updated_at
      from research_workflows order by id`;
    const steps = await tx<LegacyStep[]>`
      select id, workflow_id, position, title, status, agent_id, output, error,
        ${at('started_at')} as started_at, ${at('finished_at')} as finished_at
      from workflow_steps order by id`;
    const runs = await tx<LegacyTaskRun[]>`
      select id, agent_id, step_id, tokens_in, tokens_out, cost_usd::text as cost_usd, duration_ms,
        status, ${at('started_at')} as started_at
      from agent_task_runs order by id`;
    return {
      agents,
      workflows,
      steps,
      runs,
      checksums: {
        ai_agents: checksum(agents),
        research_workflows: checksum(workflows),
        workflow_steps: checksum(steps),
        agent_task_runs: checksum(runs),
      },
    };
  });
}
