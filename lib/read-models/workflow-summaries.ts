import { assertRole, type Actor } from '../actor';
import type { Workflow, WorkflowStatus } from '../domain/workflow/state';
import { z } from 'zod';
import { notFound } from '../errors';
import { decodeCursor, keysetPage } from '../event-store/cursor';
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

/** `back`: the workflows before this key (a Previous link), rather than after it. */
const cursorSchema = z.object({
  updatedAt: z.iso.datetime(),
  workflowId: z.uuid(),
  back: z.literal(true).optional(),
});

/**
 * Most recently changed first, keyset-paged on (updated_at, workflow_id) both ways: a page
 * reached backwards is read oldest first from its cursor and turned round.
 */
export async function listWorkflowSummaries(sql: Queryable, params: WorkflowListParams) {
  assertRole(params.actor, 'auditor');
  const limit = pageSize(params.limit, 50);
  const after = params.cursor ? decodeCursor(params.cursor, cursorSchema) : undefined;
  const back = after?.back === true;
  const rows = await sql<(Row & { workflow_id: string })[]>`
    select workflow_id, state, version, created_at, updated_at from workflow_summaries
    where true
      ${params.status ? sql`and status = ${params.status}` : sql``}
      ${params.search ? sql`and title ilike ${`%${escapeLike(params.search)}%`}` : sql``}
      ${after ? sql`and (updated_at, workflow_id) ${back ? sql`>` : sql`<`} (${after.updatedAt}::timestamptz, ${after.workflowId}::uuid)` : sql``}
    order by ${back ? sql`updated_at asc, workflow_id asc` : sql`updated_at desc, workflow_id desc`}
    limit ${limit + 1}`;
  const { page, ...cursors } = keysetPage(rows, {
    limit,
    back,
    continued: after !== undefined,
    keyOf: (row) => ({ updatedAt: row.updated_at.toISOString(), workflowId: row.workflow_id }),
  });
  return { workflows: page.map(toView), ...cursors };
}
