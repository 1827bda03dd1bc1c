import { assertRole, type Actor } from '../actor';
import type { InlineReadModel } from '../aggregates/repository';
import { workflowAggregate } from '../domain/workflow';
import type { Workflow, WorkflowStatus } from '../domain/workflow/state';
import { z } from 'zod';
import { notFound } from '../errors';
import { decodeCursor, encodeCursor } from '../event-store/cursor';
import type { Queryable } from '../event-store/context';
import { pageSize } from '../event-store/limits';
import { occurredAtOf } from './occurred-at';
import { escapeLike } from '../sql/like';

export type WorkflowView = Workflow & { version: number; createdAt: string; updatedAt: string };

/**
 * Keyed by the stream the change was written to, never by what its events say; its times are
 * the business time of the stream's first and newest events.
 */
export const writeWorkflowSummary: InlineReadModel = async (sql, { streamId, version, state }) => {
  const workflow = state as Workflow;
  const completed = workflow.steps.filter((s) => s.status === 'completed').length;
  await sql`
    insert into workflow_summaries (workflow_id, title, status, version, steps_total, steps_completed,
      state, created_at, updated_at)
    values (${workflowAggregate.idOf(streamId)}, ${workflow.title}, ${workflow.status}, ${version}, ${workflow.steps.length},
      ${completed}, ${JSON.stringify(workflow)}::jsonb, ${occurredAtOf(sql, streamId, 1)},
      ${occurredAtOf(sql, streamId, version)})
    on conflict (workflow_id) do update set title = excluded.title, status = excluded.status,
      version = excluded.version, steps_total = excluded.steps_total,
      steps_completed = excluded.steps_completed, state = excluded.state, updated_at = excluded.updated_at
    where workflow_summaries.version < excluded.version`;
};

type Row = { state: Workflow; version: number; created_at: Date; updated_at: Date };

const toView = (row: Row): WorkflowView => ({
  ...row.state,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function getWorkflowSummary(
  sql: Queryable,
  { actor, workflowId }: { actor: Actor; workflowId: string },
) {
  assertRole(actor, 'auditor');
  const [row] = await sql<Row[]>`
    select state, version, created_at, updated_at from workflow_summaries
    where workflow_id::text = ${workflowId}`;
  if (!row) throw notFound(`Workflow ${workflowId} does not exist`);
  return toView(row);
}

export type WorkflowListParams = {
  actor: Actor;
  status?: WorkflowStatus;
  search?: string;
  limit?: number;
  cursor?: string;
};

const cursorSchema = z.object({ updatedAt: z.iso.datetime(), workflowId: z.uuid() });

/** Most recently changed first, keyset-paged on (updated_at, workflow_id). */
export async function listWorkflowSummaries(sql: Queryable, params: WorkflowListParams) {
  assertRole(params.actor, 'auditor');
  const limit = pageSize(params.limit, 50);
  const after = params.cursor ? decodeCursor(params.cursor, cursorSchema) : undefined;
  const rows = await sql<(Row & { workflow_id: string })[]>`
    select workflow_id, state, version, created_at, updated_at from workflow_summaries
    where true
      ${params.status ? sql`and status = ${params.status}` : sql``}
      ${params.search ? sql`and title ilike ${`%${escapeLike(params.search)}%`}` : sql``}
      ${after ? sql`and (updated_at, workflow_id) < (${after.updatedAt}::timestamptz, ${after.workflowId}::uuid)` : sql``}
    order by updated_at desc, workflow_id desc
    limit ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    workflows: page.map(toView),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ updatedAt: last.updated_at.toISOString(), workflowId: last.workflow_id })
        : null,
  };
}
