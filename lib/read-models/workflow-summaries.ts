import { assertRole, type Actor } from '../actor';
import type { Workflow, WorkflowStatus } from '../domain/workflow/state';
import { z } from 'zod';
import { notFound } from '../errors';
import { decodeCursor, encodeCursor } from '../event-store/cursor';
import type { Queryable } from '../event-store/context';
import { pageSize } from '../event-store/limits';
import { escapeLike } from '../sql/like';

export type WorkflowView = Workflow & { version: number; createdAt: string; updatedAt: string };

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
