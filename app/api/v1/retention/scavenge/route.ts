import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/retention/scavenge';

export const GET = withApi({ route, role: 'auditor' }, async ({ actor }) => {
  const { retention } = await getChronicle();
  return Response.json(await retention.scavengeStatus({ actor }));
});

// Nothing to say in the request: the rules say what expires.
export const POST = withApi(
  { route, role: 'operator', audit: { action: 'ScavengeRequest', target: () => 'retention' } },
  async ({ actor }) => {
    const { retention } = await getChronicle();
    return Response.json(await retention.requestScavenge({ actor }), { status: 202 });
  },
);
