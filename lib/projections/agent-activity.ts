import { agentAggregate } from '../domain/agent';
import { AGENT_CATEGORY } from '../domain/agent/events';
import type { AgentTotals as Totals } from '../domain/agent/state';
import type { Projection } from './projection';

const ZERO: Totals = { tasks: 0, completed: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };

/** Tasks, tokens and cost per agent and per day (UTC) of the tasks' business time. */
export const agentActivity: Projection = {
  name: 'agent-activity',
  version: 1,
  kind: 'async',
  description: 'Tasks, tokens and cost per agent and per day',
  categories: [AGENT_CATEGORY],
  tables: ['agent_activity_daily'],
  policy: 'park',
  maxAttempts: 3,
  apply: async (sql, events, tables) => {
    const rows = events.flatMap((event) => {
      const counts = countsOf(event.type, event.data as Partial<Totals>);
      if (!counts) return [];
      const agentId = agentAggregate.idOf(event.streamId);
      return [{ ...ZERO, ...counts, agentId, day: event.occurredAt.slice(0, 10) }];
    });
    if (!rows.length) return;
    // Summed by SQL as numeric: a float sum would depend on how the events were batched.
    await sql`
      insert into ${sql(tables.agent_activity_daily!)} as t (agent_id, day, tasks, completed,
        failed, tokens_in, tokens_out, cost_usd)
      select c."agentId", c.day, sum(c.tasks), sum(c.completed), sum(c.failed), sum(c."tokensIn"),
        sum(c."tokensOut"), sum(c."costUsd")
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c("agentId" text, day date,
        tasks int, completed int, failed int, "tokensIn" bigint, "tokensOut" bigint,
        "costUsd" numeric)
      group by c."agentId", c.day
      on conflict (agent_id, day) do update set tasks = t.tasks + excluded.tasks,
        completed = t.completed + excluded.completed, failed = t.failed + excluded.failed,
        tokens_in = t.tokens_in + excluded.tokens_in, tokens_out = t.tokens_out + excluded.tokens_out,
        cost_usd = t.cost_usd + excluded.cost_usd`;
  },
};

function countsOf(type: string, data: Partial<Totals>): Partial<Totals> | null {
  if (type === 'AgentTaskStarted') return { tasks: 1 };
  if (type === 'AgentTaskFailed') return { failed: 1 };
  if (type !== 'AgentTaskCompleted') return null;
  const { tokensIn = 0, tokensOut = 0, costUsd = 0 } = data;
  return { completed: 1, tokensIn, tokensOut, costUsd };
}
