import { checkHealth } from '@/lib/health';
import { env } from '@/lib/env';
import { authenticate } from '@/lib/http/authenticate';
import { withApi } from '@/lib/http/with-api';
import { metrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Counters and latencies with bounded labels (route templates, error codes), never event data
 * or stream ids. A token of any role may scrape it (give the scraper an auditor token), or
 * anyone with CHRONICLE_METRICS_PUBLIC=true.
 */
export const GET = withApi({ route: '/api/metrics', role: 'public' }, async ({ req }) => {
  if (!env().CHRONICLE_METRICS_PUBLIC) await authenticate(req);
  const { registry, oldestTransactionAge } = metrics();
  // Measured per scrape: a long transaction stalls $all readers, and only a live age shows it.
  // A down database still gets its scrape (the other metrics matter most then), with NaN, not 0.
  const { database } = await checkHealth();
  oldestTransactionAge.set(database.connected ? database.oldestTransactionAgeSeconds : NaN);
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
});
