import type postgres from 'postgres';
import { watchReplay } from '@/lib/projections/replay-watch';
import { eventStream } from './event-stream';

/**
 * A replay's progress as `text/event-stream`: a `progress` event with the replay as JSON at once
 * and at each change, then the stream ends after a final status. The client going away stops
 * the watch.
 */
export function progressStream(pool: postgres.Sql, replayId: string, signal: AbortSignal) {
  return eventStream(signal, (send, stop) =>
    watchReplay(pool, replayId, { signal: stop, onChange: (view) => send('progress', view) }),
  );
}
