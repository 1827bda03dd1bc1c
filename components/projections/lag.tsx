import type { ProjectionView } from '@/lib/projections/views';
import { count, duration, plural } from '../format';

/** How far a projection is behind the log, in events and in time since the oldest it lacks. */
export function Lag({ projection }: { projection: ProjectionView }) {
  const { kind, lag } = projection;
  if (kind === 'inline') {
    return (
      <span className="text-zinc-500" title="Written in the same transaction as each append">
        none (inline)
      </span>
    );
  }
  if (lag.events === 0) return <span className="text-emerald-700">caught up</span>;
  return (
    <span className="flex flex-col whitespace-nowrap tabular-nums">
      <span>
        {count(lag.events)} {plural(lag.events, 'event')}
      </span>
      <span className="text-xs text-zinc-500">{duration(lag.seconds * 1000)} behind</span>
    </span>
  );
}
