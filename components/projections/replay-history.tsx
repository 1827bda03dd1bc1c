import Link from 'next/link';
import type { ReplayView } from '@/lib/projections/views';
import { count } from '../format';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { MODE_LABEL, rate } from './replay-figures';
import { ReplayStatusBadge } from './status-badges';

/** When it started and, beneath, when it ended. */
function Times({ replay }: { replay: ReplayView }) {
  const line = (label: string, value: string | null, missing: string) => (
    <span className="flex items-baseline gap-2">
      <span className="w-12 text-xs text-zinc-500">{label}</span>
      {value ? (
        <Timestamp value={value} />
      ) : (
        <span className="text-xs text-zinc-500">{missing}</span>
      )}
    </span>
  );
  return (
    <span className="flex flex-col gap-0.5">
      {line('started', replay.startedAt, 'not yet')}
      {line('ended', replay.finishedAt, '—')}
    </span>
  );
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
          <TableHeaderCell className="text-right">Events and rate</TableHeaderCell>
          <TableHeaderCell>Launched by</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Run" kind="recorded" />
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
                className="font-mono text-xs whitespace-nowrap text-zinc-900 hover:underline"
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
              <p>
                {count(replay.processed)} / {count(replay.total)}
              </p>
              {replay.startedAt && (
                <p className="text-xs text-zinc-500">{rate(replay.eventsPerSecond)}</p>
              )}
            </TableCell>
            <TableCell className="max-w-44 truncate text-xs" title={replay.launchedBy}>
              {replay.launchedBy}
            </TableCell>
            <TableCell>
              <Times replay={replay} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
