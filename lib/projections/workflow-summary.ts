import { workflowAggregate } from '../domain/workflow';
import type { Workflow } from '../domain/workflow/state';
import { aggregateSummary } from './aggregate-summary';

/**
 * Keyed by the stream the change was written to, never by what its events say; its times are
 * the business time of the stream's first and newest events, read from the stored events (an
 * event without one was given its commit time, which the app cannot know). A stream whose first
 * event retention removed was created when the stream row says.
 */
export const workflowSummary = aggregateSummary({
  name: 'workflow-summary',
  description: 'One row per workflow: status, title and steps, for the workflow screens',
  aggregate: workflowAggregate,
  table: 'workflow_summaries',
  key: 'workflow_id',
  keyType: 'uuid',
  write: async (sql, table, changes) => {
    const rows = changes.map(({ streamId, version, state }) => {
      const workflow = state as Workflow;
      return {
        stream_id: streamId,
        id: workflowAggregate.idOf(streamId),
        version,
        title: workflow.title,
        status: workflow.status,
        steps_total: workflow.steps.length,
        steps_completed: workflow.steps.filter((s) => s.status === 'completed').length,
        state: workflow,
      };
    });
    await sql`
      insert into ${sql(table)} as t (workflow_id, title, status, version, steps_total,
        steps_completed, state, created_at, updated_at)
      select c.id::uuid, c.title, c.status, c.version, c.steps_total, c.steps_completed, c.state,
        coalesce(
          (select occurred_at from events where stream_id = c.stream_id and stream_version = 1),
          (select created_at from streams where stream_id = c.stream_id)),
        (select occurred_at from events where stream_id = c.stream_id and stream_version = c.version)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(stream_id text, id text,
        version bigint, title text, status text, steps_total int, steps_completed int, state jsonb)
      on conflict (workflow_id) do update set title = excluded.title, status = excluded.status,
        version = excluded.version, steps_total = excluded.steps_total,
        steps_completed = excluded.steps_completed, state = excluded.state,
        updated_at = excluded.updated_at
      where t.version < excluded.version`;
  },
});
