import { checkHealth } from '@/lib/health';
import { withApi } from '@/lib/http/with-api';
import { metrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Public, as Prometheus endpoints usually are: it holds counters and latencies with bounded
 * labels (route templates, error codes), never event data or stream ids. Until access tokens
 * land the only token is the bootstrap admin one, and a scrape config is no place for that
 * secret; restrict /api/metrics at the proxy where the network is not trusted.
 */
export const GET = withApi({ route: '/api/metrics', role: 'public' }, async () => {
  const { registry, oldestTransactionAge } = metrics();
  // Measured per scrape: a long transaction stalls $all readers, and only a live age shows it.
  // A down database still gets its scrape (the other metrics matter most then), with NaN, not 0.
  const { database } = await checkHealth();
  oldestTransactionAge.set(database.connected ? database.oldestTransactionAgeSeconds : NaN);
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
});
