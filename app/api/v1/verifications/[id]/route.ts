import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/verifications/[id]', role: 'auditor' },
  async ({ actor, params }) => {
    const { integrity } = await getChronicle();
    const runId = uuidParam(params, 'verification');
    return Response.json(await integrity.verifications.get({ actor, runId }));
  },
);
