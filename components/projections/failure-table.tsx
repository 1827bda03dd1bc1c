import type { FailureStatus, FailureView } from '@/lib/projections/views';
import { count, plural } from '../format';
import { StreamName } from '../stream-name';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Badge, type BadgeTone } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { FailureAction, RetryOutcome, SkipOutcome } from './action-types';
import { FailureButtons } from './failure-buttons';

const tones: Record<FailureStatus, BadgeTone> = {
  failed: 'red',
  parked: 'amber',
  skipped: 'neutral',
};

/**
 * A projection's failed events, those parked behind them (later events of the same stream)
 * and those skipped. Only a failed event can be retried or skipped; its parked ones follow it.
 */
export function FailureTable({
  projection,
  failures,
  actions,
}: {
  projection: string;
  failures: FailureView[];
  /** Absent for those who may not act on failures. */
  actions?: { retry: FailureAction<RetryOutcome>; skip: FailureAction<SkipOutcome> };
}) {
  return (
    <Table aria-label={`Failures of ${projection}`}>
      <TableHead>
        <tr>
          <TableHeaderCell className="text-right">Position</TableHeaderCell>
          <TableHeaderCell>Stream and event type</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Error</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Recorded" kind="recorded" />
          </TableHeaderCell>
          {actions && (
            <TableHeaderCell>
              <span className="sr-only">Retry or skip</span>
            </TableHeaderCell>
          )}
        </tr>
      </TableHead>
      <TableBody>
        {failures.map((failure) => (
          <TableRow key={failure.id} data-testid={`failure-${failure.position}`}>
            <TableCell className="text-right tabular-nums">{count(failure.position)}</TableCell>
            <TableCell className="max-w-64">
              <StreamName streamId={failure.streamId} />
              <p className="font-mono text-xs text-zinc-500">{failure.eventType}</p>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <Badge tone={tones[failure.status]}>{failure.status}</Badge>
              {failure.attempts > 0 && (
                <p className="mt-0.5 text-xs text-zinc-500">
                  {failure.attempts} {plural(failure.attempts, 'attempt')}
                </p>
              )}
            </TableCell>
            <TableCell className="min-w-56">
              {failure.error ? (
                <p className="line-clamp-3 text-xs text-red-700" title={failure.error}>
                  {failure.error}
                </p>
              ) : (
                <span className="text-xs text-zinc-500">waits behind the failed event</span>
              )}
            </TableCell>
            <TableCell>
              <Timestamp value={failure.recordedAt} />
            </TableCell>
            {actions && (
              <TableCell className="text-right">
                {failure.status === 'failed' && (
                  <FailureButtons failure={failure} retry={actions.retry} skip={actions.skip} />
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
