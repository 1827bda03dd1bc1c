import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/snapshots/stats', role: 'auditor' },
  async ({ actor }) => {
    const chronicle = await getChronicle();
    return Response.json(await chronicle.snapshotStats({ actor }));
  },
);
