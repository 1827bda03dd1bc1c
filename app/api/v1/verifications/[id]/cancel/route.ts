import { verificationTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withApi(
  {
    route: '/api/v1/verifications/[id]/cancel',
    role: 'auditor',
    audit: { action: 'VerificationCancel', target: verificationTarget },
  },
  async ({ actor, params }) => {
    const { integrity } = await getChronicle();
    const runId = uuidParam(params, 'verification');
    return Response.json(await integrity.verifications.cancel({ actor, runId }), { status: 202 });
  },
);
