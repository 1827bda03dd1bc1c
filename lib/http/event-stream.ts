import { ChronicleError } from '../errors';
import { logger } from '../logger';

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;

/**
 * Sends one Server-Sent Event: a name, a JSON payload and an id, which a browser sends back as
 * `Last-Event-ID` when it reconnects.
 */
export type SendEvent = (name: string, data: unknown, id?: number) => void;

/**
 * A `text/event-stream` response fed by `run` until it settles or the client goes away (the
 * request's signal aborts, or the body is cancelled): `run` gets a signal that says so. Comments
 * keep proxies from closing a quiet stream; a failure of `run` ends the stream with an `error`
 * event: a refusal says why, anything else is logged and only named, so no SQL or stack reaches
 * the client.
 */
export function eventStream(
  signal: AbortSignal,
  run: (send: SendEvent, signal: AbortSignal) => Promise<void>,
): Response {
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      write('retry: 2000\n\n');
      const send: SendEvent = (name, data, id) =>
        write(
          `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`,
        );
      run(send, stop.signal)
        .catch((error: unknown) => {
          const refused = error instanceof ChronicleError;
          if (!refused) logger().error({ err: error }, 'event stream failed');
          const message = refused
            ? error.message
            : 'The stream failed on the server; reconnect to resume.';
          write(`event: error\ndata: ${JSON.stringify({ detail: message })}\n\n`);
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
