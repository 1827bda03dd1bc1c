import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/digests/latest', role: 'auditor' },
  async ({ actor }) => {
    const { integrity } = await getChronicle();
    return Response.json(await integrity.latestDigest({ actor }));
  },
);
