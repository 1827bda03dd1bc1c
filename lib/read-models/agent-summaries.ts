import { assertRole, type Actor } from '../actor';
import type { Queryable } from '../event-store/context';

export type AgentSummary = {
  agentId: string;
  name: string;
  model: string;
  version: number;
  tasks: number;
  completed: number;
  failed: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  updatedAt: string;
};

/** All agents, by name: a fleet is tens to hundreds of agents, not millions. */
export async function listAgentSummaries(
  sql: Queryable,
  { actor }: { actor: Actor },
): Promise<AgentSummary[]> {
  assertRole(actor, 'auditor');
  const rows = await sql<
    {
      agent_id: string;
      name: string;
      model: string;
      version: number;
      tasks: number;
      completed: number;
      failed: number;
      tokens_in: number;
      tokens_out: number;
      cost_usd: number;
      updated_at: Date;
    }[]
  >`select * from agent_summaries order by name, agent_id limit 1000`;
  return rows.map((r) => ({
    agentId: r.agent_id,
    name: r.name,
    model: r.model,
    version: r.version,
    tasks: r.tasks,
    completed: r.completed,
    failed: r.failed,
    tokensIn: r.tokens_in,
    tokensOut: r.tokens_out,
    costUsd: r.cost_usd,
    updatedAt: r.updated_at.toISOString(),
  }));
}
