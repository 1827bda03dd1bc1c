import { agentAggregate } from '../domain/agent';
import type { Agent } from '../domain/agent/state';
import { aggregateSummary } from './aggregate-summary';

/**
 * Keyed by the stream the change was written to. `updated_at` is the agent's last activity: the
 * latest business time of its events, which need not be the last written (imported history).
 */
export const agentSummary = aggregateSummary({
  name: 'agent-summary',
  description: 'One row per agent with its task totals, for the agent screens',
  aggregate: agentAggregate,
  table: 'agent_summaries',
  key: 'agent_id',
  keyType: 'text',
  write: async (sql, table, changes) => {
    const rows = changes.map(({ streamId, fromVersion, version, state }) => {
      const agent = state as Agent;
      return {
        stream_id: streamId,
        id: agentAggregate.idOf(streamId),
        from_version: fromVersion,
        version,
        name: agent.name,
        model: agent.model,
        ...agent.totals,
        state: agent,
      };
    });
    await sql`
      insert into ${sql(table)} as t (agent_id, name, model, version, tasks, completed, failed,
        tokens_in, tokens_out, cost_usd, state, updated_at)
      select c.id, c.name, c.model, c.version, c.tasks, c.completed, c.failed, c."tokensIn",
        c."tokensOut", c."costUsd", c.state,
        (select max(occurred_at) from events where stream_id = c.stream_id
          and stream_version between c.from_version and c.version)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(stream_id text, id text,
        from_version bigint, version bigint, name text, model text, tasks int, completed int,
        failed int, "tokensIn" bigint, "tokensOut" bigint, "costUsd" float8, state jsonb)
      on conflict (agent_id) do update set name = excluded.name, model = excluded.model,
        version = excluded.version, tasks = excluded.tasks, completed = excluded.completed,
        failed = excluded.failed, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,
        cost_usd = excluded.cost_usd, state = excluded.state,
        updated_at = greatest(t.updated_at, excluded.updated_at)
      where t.version < excluded.version`;
  },
});
