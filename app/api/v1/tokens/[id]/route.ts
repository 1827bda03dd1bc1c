import { tokenTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const DELETE = withApi(
  {
    route: '/api/v1/tokens/[id]',
    role: 'admin',
    audit: { action: 'TokenRevoke', target: tokenTarget },
  },
  async ({ actor, params, audit }) => {
    const id = uuidParam(params, 'token');
    const { tokens } = await getChronicle();
    const revoked = await tokens.revoke(actor, id);
    audit.note({ name: revoked.name, role: revoked.role });
    return new Response(null, { status: 204 });
  },
);
