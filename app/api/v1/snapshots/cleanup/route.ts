import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The request has nothing to say (how many to keep is configuration), so any body is ignored.
export const POST = withApi(
  { route: '/api/v1/snapshots/cleanup', role: 'operator' },
  async ({ actor }) => {
    const chronicle = await getChronicle();
    return Response.json(await chronicle.cleanupSnapshots({ actor }));
  },
);
