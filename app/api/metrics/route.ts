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
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
});
