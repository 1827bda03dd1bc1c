import { checkHealth } from '@/lib/health';
import { env } from '@/lib/env';
import { authenticate } from '@/lib/http/authenticate';
import { withApi } from '@/lib/http/with-api';
import { metrics } from '@/lib/metrics';
import { systemActor } from '@/lib/actor';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Counters and latencies with bounded labels (route templates, error codes), never event data
 * or stream ids. A token of any role may scrape it (give the scraper an auditor token), or
 * anyone with CHRONICLE_METRICS_PUBLIC=true.
 */
async function measureProjections() {
  const { projectionLagEvents, projectionLagSeconds, projectionStopped, eventsHeldBack } =
    metrics();
  const { projections, logHealth } = await getChronicle();
  eventsHeldBack.set((await logHealth({ actor: systemActor })).heldBack.events);
  for (const view of await projections.list({ actor: systemActor })) {
    const labels = { projection: view.name };
    projectionLagEvents.set(labels, view.lag.events);
    projectionLagSeconds.set(labels, view.lag.seconds);
    projectionStopped.set(labels, view.status === 'stopped' ? 1 : 0);
  }
}

export const GET = withApi({ route: '/api/metrics', role: 'public' }, async ({ req }) => {
  if (!env().CHRONICLE_METRICS_PUBLIC) await authenticate(req);
  const { registry, oldestTransactionAge } = metrics();
  // Measured per scrape: a long transaction stalls $all readers, and only a live age shows it.
  // A down database still gets its scrape (the other metrics matter most then), with NaN, not 0.
  const { database } = await checkHealth();
  oldestTransactionAge.set(database.connected ? database.oldestTransactionAgeSeconds : NaN);
  if (database.connected) await measureProjections();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
});
