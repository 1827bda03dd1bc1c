import type { Actor } from '../actor';
import type { EventStore } from '../event-store';

const PAGE = 1000;

/**
 * A stream's whole history as one JSON document, `{streamId, version, events}`, written page by
 * page so that a long stream never sits in memory: events in version order, up to the version
 * the stream had when the download began (later appends belong to a later download).
 * `raw`: events as stored, which is what the hash chain covers.
 */
export async function historyFile(
  store: EventStore,
  { actor, streamId, raw = false }: { actor: Actor; streamId: string; raw?: boolean },
): Promise<{ version: number; body: ReadableStream<Uint8Array> }> {
  const { version } = await store.getStream({ actor, streamId });
  const encoder = new TextEncoder();
  let next: number | null = 1;
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const head = JSON.stringify({ streamId, version }).slice(0, -1);
      controller.enqueue(encoder.encode(`${head},"events":[`));
    },
    async pull(controller) {
      if (next === null || next > version) {
        controller.enqueue(encoder.encode(']}\n'));
        controller.close();
        return;
      }
      const page = await store.readStream({
        actor,
        streamId,
        fromVersion: next,
        limit: Math.min(PAGE, version - next + 1),
        direction: 'forward',
        raw,
      });
      let text = '';
      for (const event of page.events) {
        if (event.version > version) break;
        text += (first ? '' : ',') + JSON.stringify(event);
        first = false;
      }
      next = page.events.length === 0 ? null : page.nextCursor;
      if (text) controller.enqueue(encoder.encode(text));
    },
  });
  return { version, body };
}
