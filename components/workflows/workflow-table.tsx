import Link from 'next/link';
import { TimeLabel, Times } from '../times';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { StatusBadge } from './status-badge';
import { workflowHref } from './workflow-href';
import type { EventTimes } from '@/lib/console/event-times';
import { workflowStreamId } from '@/lib/domain/workflow';
import type { WorkflowView } from '@/lib/read-models/workflow-summaries';

/**
 * `times`: the times of each workflow's newest event, by stream id: its last update, as on the
 * workflow's page (the list's order is the read model's).
 */
export function WorkflowTable({
  workflows,
  times,
}: {
  workflows: WorkflowView[];
  times: Map<string, EventTimes>;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Title</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Steps done</TableHeaderCell>
          <TableHeaderCell className="text-right">Version</TableHeaderCell>
          <TableHeaderCell aria-sort="descending">
            <TimeLabel label="Last update ↓" kind="occurred" />
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {workflows.map((workflow) => {
          const done = workflow.steps.filter((step) => step.status === 'completed').length;
          return (
            <TableRow key={workflow.workflowId}>
              <TableCell className="max-w-md">
                <Link
                  href={workflowHref(workflow.workflowId)}
                  className="font-medium text-zinc-900 hover:underline"
                >
                  {workflow.title}
                </Link>
              </TableCell>
              <TableCell>
                <StatusBadge status={workflow.status} />
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {done}/{workflow.steps.length}
              </TableCell>
              <TableCell className="text-right tabular-nums">{workflow.version}</TableCell>
              <TableCell>
                <Times
                  shown="occurred"
                  occurredAt={workflow.updatedAt}
                  {...times.get(workflowStreamId(workflow.workflowId))}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
