import { assertRole, type Actor } from '../actor';
import type { InlineReadModel } from '../aggregates/repository';
import { agentAggregate } from '../domain/agent';
import type { Agent } from '../domain/agent/state';
import type { Queryable } from '../event-store/context';
import { occurredAtOf } from './occurred-at';

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

/**
 * Keyed by the stream the change was written to. `updated_at` is the agent's last activity: the
 * latest business time of its events, which need not be the last written (imported history).
 */
export const writeAgentSummary: InlineReadModel = async (sql, { streamId, version, state }) => {
  const agent = state as Agent;
  const t = agent.totals;
  await sql`
    insert into agent_summaries (agent_id, name, model, version, tasks, completed, failed, tokens_in,
      tokens_out, cost_usd, updated_at)
    values (${agentAggregate.idOf(streamId)}, ${agent.name}, ${agent.model}, ${version}, ${t.tasks}, ${t.completed}, ${t.failed},
      ${t.tokensIn}, ${t.tokensOut}, ${t.costUsd}, ${occurredAtOf(sql, streamId, version)})
    on conflict (agent_id) do update set name = excluded.name, model = excluded.model,
      version = excluded.version, tasks = excluded.tasks, completed = excluded.completed,
      failed = excluded.failed, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,
      cost_usd = excluded.cost_usd,
      updated_at = greatest(agent_summaries.updated_at, excluded.updated_at)
    where agent_summaries.version < excluded.version`;
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
