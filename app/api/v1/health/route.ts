import { checkHealth } from '@/lib/health';
import { withApi } from '@/lib/http/with-api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Public: load balancers and orchestrators probe it without a token.
export const GET = withApi({ route: '/api/v1/health', role: 'public' }, async () => {
  const health = await checkHealth();
  // The contract's 503 carries this body rather than a problem: probes read `database`.
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503 });
});
