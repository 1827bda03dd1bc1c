import Link from 'next/link';
import { count, duration, usd } from '../format';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { StatusBadge } from '../workflows/status-badge';
import { workflowHref } from '../workflows/workflow-href';
import type { AgentTask } from '@/lib/domain/agent/state';

/** What a task's workflow is called, and its steps' titles; absent when it cannot be read. */
export type WorkflowNames = Map<string, { title: string; steps: Map<string, string> }>;

/** An agent's tasks, newest first. */
export function TaskTable({ tasks, names }: { tasks: AgentTask[]; names: WorkflowNames }) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell className="text-right">Task</TableHeaderCell>
          <TableHeaderCell>Workflow</TableHeaderCell>
          <TableHeaderCell>Step</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Tokens in</TableHeaderCell>
          <TableHeaderCell className="text-right">Tokens out</TableHeaderCell>
          <TableHeaderCell className="text-right">Cost</TableHeaderCell>
          <TableHeaderCell className="text-right">Duration</TableHeaderCell>
          <TableHeaderCell>Error</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {tasks
          .map((task, index) => ({ task, number: index + 1 }))
          .reverse()
          .map(({ task, number }) => {
            const workflow = names.get(task.workflowId);
            const finished = task.status !== 'running';
            return (
              <TableRow key={task.taskId}>
                <TableCell className="text-right text-zinc-400 tabular-nums">{number}</TableCell>
                <TableCell className="min-w-56">
                  <Link
                    href={workflowHref(task.workflowId)}
                    className="text-zinc-900 hover:underline"
                    title={task.workflowId}
                  >
                    {workflow?.title ?? (
                      <span className="font-mono text-xs">{task.workflowId}</span>
                    )}
                  </Link>
                </TableCell>
                <TableCell className="min-w-40">
                  {workflow?.steps.get(task.stepId) ?? task.stepId}
                </TableCell>
                <TableCell>
                  <StatusBadge status={task.status} />
                </TableCell>
                {/* A running task has spent nothing yet that anyone has recorded. */}
                {[count(task.tokensIn), count(task.tokensOut), usd(task.costUsd)].map(
                  (figure, i) => (
                    <TableCell key={i} className="text-right tabular-nums">
                      {finished ? figure : '—'}
                    </TableCell>
                  ),
                )}
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {finished && task.durationMs > 0 ? duration(task.durationMs) : '—'}
                </TableCell>
                <TableCell className="max-w-48 text-xs text-red-700">{task.error}</TableCell>
              </TableRow>
            );
          })}
      </TableBody>
    </Table>
  );
}
