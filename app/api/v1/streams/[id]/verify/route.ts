import { streamTarget } from '@/lib/http/audit-targets';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/streams/[id]/verify',
    role: 'auditor',
    audit: { action: 'StreamVerify', target: streamTarget },
  },
  async ({ actor, params, audit }) => {
    const streamId = streamIdParam(params);
    const { integrity } = await getChronicle();
    const result = await integrity.verifications.verifyOne({ actor, streamId });
    audit.note({ valid: result.valid, checkedEvents: result.checkedEvents });
    return Response.json(result);
  },
);
