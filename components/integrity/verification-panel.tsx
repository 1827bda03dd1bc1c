'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { queryKeys } from '@/hooks/query-keys';
import { useVerifications } from '@/hooks/use-verifications';
import type { Result } from '@/lib/console/result';
import type { VerificationRun } from '@/lib/integrity/verification-runs';
import { ProgressBar } from '../projections/progress-bar';
import { streamHref } from '../stream-href';
import { Timestamp } from '../timestamp';
import { Badge, type BadgeTone } from '../ui/badge';
import { CardHeader, CardTitle } from '../ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { ActionButton } from './action-button';
import { plural } from '../format';

const tones: Record<VerificationRun['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'amber',
};

function Findings({ run }: { run: VerificationRun }) {
  if (run.status !== 'succeeded' && run.invalid.length === 0) return null;
  if (run.invalid.length === 0) return <Badge tone="green">All chains intact</Badge>;
  return (
    <div className="flex flex-col gap-1">
      <Badge tone="red">
        {run.invalid.length} broken {plural(run.invalid.length, 'chain')}
      </Badge>
      <ul className="text-xs">
        {run.invalid.slice(0, 5).map(({ streamId, firstInvalidVersion }) => (
          <li key={streamId}>
            <Link href={streamHref(streamId)} className="font-mono text-red-700 hover:underline">
              {streamId}
            </Link>{' '}
            from version {firstInvalidVersion}
          </li>
        ))}
        {run.invalid.length > 5 && <li>and {run.invalid.length - 5} more</li>}
      </ul>
    </div>
  );
}

function Progress({ run }: { run: VerificationRun }) {
  if (run.scope === 'stream') return <span className="text-xs">{run.checkedEvents} events</span>;
  const percent =
    run.totalStreams === 0 ? 0 : Math.floor((100 * run.checkedStreams) / run.totalStreams);
  return (
    <div className="flex min-w-40 flex-col gap-1">
      {run.status === 'running' && (
        <ProgressBar percent={percent} label="Streams checked" tone="blue" />
      )}
      <span className="text-xs tabular-nums">
        {run.checkedStreams.toLocaleString('en-US')} of {run.totalStreams.toLocaleString('en-US')}{' '}
        streams, {run.checkedEvents.toLocaleString('en-US')} events
      </span>
    </div>
  );
}

/** Checks of the hash chains on record, with a way to check every stream and live progress. */
export function VerificationPanel({
  initial,
  verifyAll,
  cancel,
}: {
  initial: VerificationRun[];
  verifyAll: () => Promise<Result<VerificationRun>>;
  cancel: (id: string) => Promise<Result<VerificationRun>>;
}) {
  const client = useQueryClient();
  const { data: runs } = useVerifications(initial);
  const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.verifications });
  return (
    <>
      <CardHeader>
        <div>
          <CardTitle>Chain checks</CardTitle>
          <p className="text-xs text-zinc-500">
            Every hash recomputed from the stored events, by whom and when
          </p>
        </div>
        <ActionButton action={verifyAll} onDone={refresh} variant="primary">
          Verify all streams
        </ActionButton>
      </CardHeader>
      {runs.length === 0 ? (
        <p className="px-4 py-6 text-sm text-zinc-500">
          No check on record yet. Verify all streams here, or one stream from its page.
        </p>
      ) : (
        <Table aria-label="Chain checks">
          <TableHead>
            <tr>
              <TableHeaderCell>Requested</TableHeaderCell>
              <TableHeaderCell>Scope</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Checked</TableHeaderCell>
              <TableHeaderCell>Findings</TableHeaderCell>
              <TableHeaderCell>Finished</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {runs.map((run) => (
              <TableRow key={run.id}>
                <TableCell>
                  <Timestamp value={run.createdAt} />
                  <span className="block text-xs text-zinc-500">by {run.requestedBy}</span>
                </TableCell>
                <TableCell>
                  {run.streamId ? (
                    <Link
                      href={streamHref(run.streamId)}
                      className="font-mono text-xs hover:underline"
                    >
                      {run.streamId}
                    </Link>
                  ) : (
                    'All streams'
                  )}
                </TableCell>
                <TableCell>
                  <span className="inline-flex items-center gap-2">
                    <Badge tone={tones[run.status]}>{run.status}</Badge>
                    {(run.status === 'queued' || run.status === 'running') && (
                      <ActionButton action={() => cancel(run.id)} onDone={refresh}>
                        Cancel
                      </ActionButton>
                    )}
                  </span>
                  {run.error && <span className="block text-xs text-red-700">{run.error}</span>}
                </TableCell>
                <TableCell>
                  <Progress run={run} />
                </TableCell>
                <TableCell>
                  <Findings run={run} />
                </TableCell>
                <TableCell>{run.finishedAt ? <Timestamp value={run.finishedAt} /> : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
