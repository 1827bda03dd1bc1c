import Link from 'next/link';
import { count, duration, usd } from '../format';
import { SortHeader } from '../sort-header';
import { TimeLabel, Times } from '../times';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { StatusBadge } from '../workflows/status-badge';
import { workflowHref } from '../workflows/workflow-href';
import type { TimedTask, TaskSort } from '@/lib/console/task-order';

/** What a task's workflow is called, and its steps' titles; absent when it cannot be read. */
export type WorkflowNames = Map<string, { title: string; steps: Map<string, string> }>;

const TIME_COLUMNS = [
  { key: 'started', label: 'Started' },
  { key: 'ended', label: 'Ended' },
] as const;

/**
 * An agent's tasks in the order given (sorted by the page). Their times are business times,
 * with the recording beneath where it differs.
 */
export function TaskTable({
  tasks,
  names,
  sort,
  sortHref,
}: {
  tasks: TimedTask[];
  names: WorkflowNames;
  sort: TaskSort;
  sortHref: (sort: TaskSort) => string;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Workflow and step</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          {TIME_COLUMNS.map(({ key, label }) => (
            <SortHeader
              key={key}
              label={<TimeLabel label={label} kind="occurred" />}
              order={sort === key ? 'asc' : sort === `-${key}` ? 'desc' : null}
              // Newest first is what one looks for first.
              href={sortHref(sort === `-${key}` ? key : `-${key}`)}
            />
          ))}
          <TableHeaderCell className="text-right">Tokens</TableHeaderCell>
          <TableHeaderCell className="text-right">Cost</TableHeaderCell>
          <TableHeaderCell className="text-right">Duration</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {tasks.map((task) => {
          const workflow = names.get(task.workflowId);
          const finished = task.status !== 'running';
          return (
            <TableRow key={task.taskId}>
              <TableCell className="min-w-48">
                <Link
                  href={workflowHref(task.workflowId)}
                  className="text-zinc-900 hover:underline"
                  title={task.workflowId}
                >
                  {workflow?.title ?? <span className="font-mono text-xs">{task.workflowId}</span>}
                </Link>
                <p className="text-xs text-zinc-500">
                  {workflow?.steps.get(task.stepId) ?? task.stepId}
                </p>
              </TableCell>
              <TableCell className="max-w-48">
                <StatusBadge status={task.status} />
                {task.error && <p className="mt-0.5 text-xs text-red-700">{task.error}</p>}
              </TableCell>
              {TIME_COLUMNS.map(({ key }) => (
                <TableCell key={key}>
                  <Times shown="occurred" {...task[key]} />
                </TableCell>
              ))}
              {/* A running task has spent nothing yet that anyone has recorded. */}
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {finished ? (
                  <>
                    <p>{count(task.tokensIn)} in</p>
                    <p>{count(task.tokensOut)} out</p>
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {finished ? usd(task.costUsd) : '—'}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {finished && task.durationMs > 0 ? duration(task.durationMs) : '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
