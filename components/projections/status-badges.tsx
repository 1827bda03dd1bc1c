import Link from 'next/link';
import type { ProjectionView, ReplayStatus } from '@/lib/projections/views';
import { Badge, type BadgeTone } from '../ui/badge';

const replayTones: Record<ReplayStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'amber',
};

export function ReplayStatusBadge({ status }: { status: ReplayStatus }) {
  return (
    <Badge tone={replayTones[status]} data-testid="replay-status">
      {status}
    </Badge>
  );
}

/**
 * A projection keeping up is green, one halted on a failed event red; while a replay runs, a
 * blue badge leads to its progress.
 */
export function ProjectionStatusBadge({
  projection,
  watchHref,
}: {
  projection: ProjectionView;
  watchHref: (replayId: string) => string;
}) {
  const { status, activeReplayId } = projection;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={status === 'running' ? 'green' : 'red'}>{status}</Badge>
      {activeReplayId && (
        <Link href={watchHref(activeReplayId)} scroll={false} title="Show its progress">
          <Badge tone="blue" className="hover:underline">
            replaying
          </Badge>
        </Link>
      )}
    </span>
  );
}
