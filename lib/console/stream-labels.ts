import 'server-only';
import { z } from 'zod';
import type { Actor } from '../actor';
import { agentAggregate } from '../domain/agent';
import { AGENT_CATEGORY } from '../domain/agent/events';
import { workflowAggregate } from '../domain/workflow';
import { CATEGORY as WORKFLOW_CATEGORY } from '../domain/workflow/events';
import { categoryOf } from '../event-store/stream-id';
import { consoleSql } from './read-sql';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * What the read models call the streams shown on a page: a workflow's title, an agent's name.
 * One query for the page; a stream they do not know has no label.
 */
export async function streamLabels(
  actor: Actor,
  streamIds: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(streamIds)];
  const workflows = new Map(
    unique
      .filter((id) => categoryOf(id) === WORKFLOW_CATEGORY)
      .map((id) => [workflowAggregate.idOf(id).toLowerCase(), id] as const)
      .filter(([workflowId]) => isUuid(workflowId)),
  );
  const agents = new Map(
    unique
      .filter((id) => categoryOf(id) === AGENT_CATEGORY)
      .map((id) => [agentAggregate.idOf(id), id] as const),
  );
  if (workflows.size === 0 && agents.size === 0) return new Map();
  const sql = await consoleSql(actor);
  const rows = await sql<{ kind: 'workflow' | 'agent'; id: string; label: string }[]>`
    select 'workflow' as kind, workflow_id::text as id, title as label from workflow_summaries
    where workflow_id = any(${[...workflows.keys()]}::uuid[])
    union all
    select 'agent', agent_id, name from agent_summaries
    where agent_id = any(${[...agents.keys()]}::text[])`;
  return new Map(
    rows.flatMap((row) => {
      const streamId = (row.kind === 'workflow' ? workflows : agents).get(row.id);
      return streamId ? [[streamId, row.label] as const] : [];
    }),
  );
}
