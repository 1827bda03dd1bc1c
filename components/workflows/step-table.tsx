import { EmptyState } from '../empty-state';
import { Table, TableBody, TableHead, TableHeaderCell } from '../ui/table';
import type { AgentOption } from './agent-option';
import type { RunCommand } from './command-result';
import { StepRow } from './step-row';
import type { Workflow } from '@/lib/domain/workflow/state';

/**
 * The workflow's steps. Not `editable` when the page shows an earlier version; steps change
 * only while the workflow is running.
 */
export function StepTable({
  workflow,
  version,
  agents,
  run,
  editable,
}: {
  workflow: Workflow;
  version: number;
  agents: AgentOption[];
  run: RunCommand;
  editable: boolean;
}) {
  if (workflow.steps.length === 0) {
    return (
      <EmptyState title="No steps yet">
        {editable ? 'Add the research steps below, then start the workflow.' : undefined}
      </EmptyState>
    );
  }
  return (
    <Table aria-label="Steps">
      <TableHead>
        <tr>
          <TableHeaderCell className="text-right">#</TableHeaderCell>
          <TableHeaderCell>Step</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Agent</TableHeaderCell>
          <TableHeaderCell>Output or error</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Commands</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {workflow.steps.map((step, index) => (
          <StepRow
            key={step.stepId}
            index={index}
            step={step}
            agents={agents}
            run={run}
            version={version}
            running={editable && workflow.status === 'running'}
          />
        ))}
      </TableBody>
    </Table>
  );
}
