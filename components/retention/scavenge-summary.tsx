import type { ScavengeSummary as Summary } from '@/lib/retention/scavenge';
import type { ScavengeStatus } from '@/lib/retention/tasks';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';

/** The run waiting or under way, and the last one that finished. */
export function ScavengeSummary({
  status,
}: {
  status: ScavengeStatus & { lastRun: Summary | null };
}) {
  const { pending, lastRun } = status;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-xs text-zinc-500">Now</dt>
        <dd aria-live="polite">
          {pending ? (
            <span className="inline-flex items-center gap-2">
              <Badge tone="amber">{pending.state === 'running' ? 'Running' : 'Queued'}</Badge>
              since <Timestamp value={pending.since} />
              {pending.lastError && (
                <span className="text-xs text-red-700">{pending.lastError}</span>
              )}
            </span>
          ) : (
            <span className="text-zinc-500">Idle</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500">Last run</dt>
        <dd>
          {lastRun ? (
            <span>
              <Timestamp value={lastRun.finishedAt} />: removed{' '}
              <strong>{lastRun.removedEvents.toLocaleString('en-US')}</strong> events from{' '}
              {lastRun.streams.toLocaleString('en-US')} streams (asked by {lastRun.requestedBy})
            </span>
          ) : (
            <span className="text-zinc-500">Never run</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
