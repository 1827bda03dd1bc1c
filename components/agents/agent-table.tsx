import Link from 'next/link';
import { count, usd } from '../format';
import { TimeLabel, Times } from '../times';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { agentHref } from '../workflows/agent-option';
import type { EventTimes } from '@/lib/console/event-times';
import { agentStreamId } from '@/lib/domain/agent';
import type { AgentSummary } from '@/lib/read-models/agent-summaries';

const NUMERIC = [
  ['Tasks', 'tasks'],
  ['Completed', 'completed'],
  ['Failed', 'failed'],
] as const;

/**
 * `times`: the times of each agent's newest event, by stream id: its recording is the agent's
 * last; its last activity is the latest business time of its events (the read model's).
 */
export function AgentTable({
  agents,
  times,
}: {
  agents: AgentSummary[];
  times: Map<string, EventTimes>;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell aria-sort="ascending">Name ↑</TableHeaderCell>
          <TableHeaderCell>Model</TableHeaderCell>
          {NUMERIC.map(([label]) => (
            <TableHeaderCell key={label} className="text-right">
              {label}
            </TableHeaderCell>
          ))}
          <TableHeaderCell className="text-right">Tokens in / out</TableHeaderCell>
          <TableHeaderCell className="text-right">Cost</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Last activity" kind="occurred" />
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {agents.map((agent) => (
          <TableRow key={agent.agentId}>
            <TableCell>
              <Link
                href={agentHref(agent.agentId)}
                className="font-medium text-zinc-900 hover:underline"
              >
                {agent.name}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs whitespace-nowrap">{agent.model}</TableCell>
            {NUMERIC.map(([label, key]) => (
              <TableCell key={label} className="text-right tabular-nums">
                {count(agent[key])}
              </TableCell>
            ))}
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {count(agent.tokensIn)} / {count(agent.tokensOut)}
            </TableCell>
            <TableCell className="text-right tabular-nums">{usd(agent.costUsd)}</TableCell>
            <TableCell>
              <Times
                shown="occurred"
                occurredAt={agent.updatedAt}
                recordedAt={times.get(agentStreamId(agent.agentId))?.recordedAt}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
