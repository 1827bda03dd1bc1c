import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The request has nothing to say (how many to keep is configuration), so any body is ignored.
export const POST = withApi(
  {
    route: '/api/v1/snapshots/cleanup',
    role: 'operator',
    audit: { action: 'SnapshotCleanup', target: () => 'snapshots' },
  },
  async ({ actor, audit }) => {
    const chronicle = await getChronicle();
    const result = await chronicle.cleanupSnapshots({ actor });
    audit.note(result);
    return Response.json(result);
  },
);
