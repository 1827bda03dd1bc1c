import Link from 'next/link';
import { count, usd } from '../format';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { agentHref } from '../workflows/agent-option';
import type { AgentSummary } from '@/lib/read-models/agent-summaries';

const NUMERIC = [
  ['Tasks', 'tasks'],
  ['Completed', 'completed'],
  ['Failed', 'failed'],
  ['Tokens in', 'tokensIn'],
  ['Tokens out', 'tokensOut'],
] as const;

export function AgentTable({ agents }: { agents: AgentSummary[] }) {
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
          <TableHeaderCell className="text-right">Cost</TableHeaderCell>
          <TableHeaderCell>Last activity</TableHeaderCell>
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
            <TableCell className="font-mono text-xs">{agent.model}</TableCell>
            {NUMERIC.map(([label, key]) => (
              <TableCell key={label} className="text-right tabular-nums">
                {count(agent[key])}
              </TableCell>
            ))}
            <TableCell className="text-right tabular-nums">{usd(agent.costUsd)}</TableCell>
            <TableCell>
              <Timestamp value={agent.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
