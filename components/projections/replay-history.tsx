import Link from 'next/link';
import type { ReplayView } from '@/lib/projections/views';
import { count } from '../format';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { MODE_LABEL, rate } from './replay-figures';
import { ReplayStatusBadge } from './status-badges';

function Time({ value, fallback }: { value: string | null; fallback: string }) {
  return value ? <Timestamp value={value} /> : <span className="text-zinc-400">{fallback}</span>;
}

/** Replays newest first; each links to its progress panel. */
export function ReplayHistory({
  replays,
  watchHref,
}: {
  replays: ReplayView[];
  watchHref: (replayId: string) => string;
}) {
  return (
    <Table aria-label="Replay history">
      <TableHead>
        <tr>
          <TableHeaderCell>Projection</TableHeaderCell>
          <TableHeaderCell>Mode</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Events</TableHeaderCell>
          <TableHeaderCell className="text-right">Rate</TableHeaderCell>
          <TableHeaderCell>Launched by</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Started" kind="recorded" />
          </TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Finished" kind="recorded" />
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {replays.map((replay) => (
          <TableRow key={replay.replayId} data-testid={`replay-${replay.replayId}`}>
            <TableCell>
              <Link
                href={watchHref(replay.replayId)}
                scroll={false}
                className="font-mono text-xs text-zinc-900 hover:underline"
                title="Show this replay"
              >
                {replay.projection}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">{MODE_LABEL[replay.mode]}</TableCell>
            <TableCell className="max-w-56">
              <ReplayStatusBadge status={replay.status} />
              {replay.error && (
                <p className="mt-0.5 line-clamp-2 text-xs text-red-700" title={replay.error}>
                  {replay.error}
                </p>
              )}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {count(replay.processed)} / {count(replay.total)}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {replay.startedAt ? rate(replay.eventsPerSecond) : '—'}
            </TableCell>
            <TableCell className="text-xs">{replay.launchedBy}</TableCell>
            <TableCell>
              <Time value={replay.startedAt} fallback="not started" />
            </TableCell>
            <TableCell>
              <Time value={replay.finishedAt} fallback="—" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
