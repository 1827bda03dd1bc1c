import Link from 'next/link';
import { streamHref } from '../stream-href';
import { Card, CardHeader, CardTitle } from '../ui/card';
import { Table, TableBody, TableHead, TableHeaderCell } from '../ui/table';
import { HistoryEntry } from './history-entry';
import type { AgentOption } from './agent-option';
import { summarizeEvent, type Names } from './summarize-event';
import type { StreamPage } from '@/lib/event-store/read-stream';
import type { Workflow } from '@/lib/domain/workflow/state';
import { plural } from '../format';

/** The newest events of a workflow's stream, newest first; the stream page has all of them. */
export function WorkflowHistory({
  page,
  workflow,
  agents,
  shown,
}: {
  page: StreamPage;
  workflow: Workflow;
  agents: AgentOption[];
  shown: number;
}) {
  const names: Names = {
    steps: new Map(workflow.steps.map((step) => [step.stepId, step.title])),
    agents: new Map(agents.map((agent) => [agent.agentId, agent.name])),
  };
  const more = page.version - page.events.length;
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
        <Link
          href={streamHref(page.streamId)}
          className="font-mono text-xs text-zinc-500 hover:text-zinc-900 hover:underline"
        >
          {page.streamId}
        </Link>
      </CardHeader>
      <Table aria-label="History">
        <TableHead>
          <tr>
            <TableHeaderCell>
              <span className="sr-only">Details</span>
            </TableHeaderCell>
            <TableHeaderCell className="text-right">Version</TableHeaderCell>
            <TableHeaderCell>Event</TableHeaderCell>
            <TableHeaderCell>Actor</TableHeaderCell>
            <TableHeaderCell>Occurred at</TableHeaderCell>
            <TableHeaderCell>
              <span className="sr-only">State</span>
            </TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {page.events.map((event) => (
            <HistoryEntry
              key={event.eventId}
              event={event}
              workflowId={workflow.workflowId}
              summary={summarizeEvent(event, names)}
              current={page.version}
              shown={shown}
            />
          ))}
        </TableBody>
      </Table>
      {more > 0 && (
        <p className="border-t border-zinc-200 px-4 py-2.5 text-xs text-zinc-500">
          {more} older {plural(more, 'event')} on the{' '}
          <Link href={streamHref(page.streamId)} className="underline">
            stream page
          </Link>
          .
        </p>
      )}
    </Card>
  );
}
