import { allFilterOf } from '@/lib/api/all-filter';
import { liveEventsQuery } from '@/lib/api/schemas';
import { eventStream } from '@/lib/http/event-stream';
import { lastEventId } from '@/lib/http/last-event-id';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Server-Sent Events: each new event of `$all` that matches the filters, as it becomes readable,
 * through the store's gap-safe subscription. A reconnecting browser resumes after the last id it
 * got; a new stream starts at `after`, or at the readable head.
 */
export const GET = withApi(
  {
    route: '/api/v1/events/live',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: () => '$all' },
  },
  async ({ actor, url, req }) => {
    const { after, ...query } = parseQuery(url, liveEventsQuery);
    const filter = allFilterOf(query);
    const store = await getStore();
    const start =
      lastEventId(req) ??
      after ??
      (await store.readAllBackward({ actor, limit: 1 })).events[0]?.position ??
      0;
    return eventStream(req.signal, async (send, signal) => {
      send('ready', { after: start });
      await store.subscribe({
        actor,
        ...filter,
        after: start,
        signal,
        onEvent: (event) => send('event', event, event.position),
      });
    });
  },
);
