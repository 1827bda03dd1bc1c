import type postgres from 'postgres';
import { watchReplay } from '@/lib/projections/replay-watch';

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;

/**
 * A replay's progress as `text/event-stream`: a `progress` event with the replay as JSON at once
 * and at each change, then the stream ends after a final status. Comments keep proxies from
 * closing a quiet stream; the client going away stops the watch.
 */
export function progressStream(pool: postgres.Sql, replayId: string, signal: AbortSignal) {
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      send('retry: 2000\n\n');
      watchReplay(pool, replayId, {
        signal: stop.signal,
        onChange: (view) => send(`event: progress\ndata: ${JSON.stringify(view)}\n\n`),
      })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          send(`event: error\ndata: ${JSON.stringify({ detail: message })}\n\n`);
        })
        .finally(() => {
          clearInterval(heartbeat);
          if (!stop.signal.aborted) controller.close();
        });
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}
