import { workflowCommandRequest } from '@/lib/api/workflow-schemas';
import { readJsonBody } from '@/lib/http/read-json-body';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withApi(
  { route: '/api/v1/workflows/[id]/commands', role: 'operator' },
  async ({ req, actor, params }) => {
    const workflowId = uuidParam(params, 'workflow');
    const { expectedVersion, ...command } = await readJsonBody(req, workflowCommandRequest);
    const { research } = await getChronicle();
    const { version } = await research.runWorkflowCommand({
      actor,
      workflowId,
      command,
      expectedVersion,
    });
    return Response.json({ workflowId, version });
  },
);
