import Link from 'next/link';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { StatusBadge } from './status-badge';
import { workflowHref } from './workflow-href';
import type { WorkflowView } from '@/lib/read-models/workflow-summaries';

export function WorkflowTable({ workflows }: { workflows: WorkflowView[] }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Title</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Steps done</TableHeaderCell>
          <TableHeaderCell className="text-right">Version</TableHeaderCell>
          <TableHeaderCell aria-sort="descending">Last update ↓</TableHeaderCell>
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
                <Timestamp value={workflow.updatedAt} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
