import { workflowTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/workflows/[id]',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: workflowTarget },
  },
  async ({ actor, params }) => {
    const workflowId = uuidParam(params, 'workflow');
    const { research } = await getChronicle();
    return Response.json(await research.getWorkflow({ actor, workflowId }));
  },
);
