import { workflowCommandRequest } from '@/lib/api/workflow-schemas';
import { readJsonBody } from '@/lib/http/read-json-body';
import { workflowTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withApi(
  {
    route: '/api/v1/workflows/[id]/commands',
    role: 'operator',
    audit: { action: 'WorkflowCommand', target: workflowTarget },
  },
  async ({ req, actor, params, audit }) => {
    const workflowId = uuidParam(params, 'workflow');
    const { expectedVersion, ...command } = await readJsonBody(req, workflowCommandRequest);
    audit.note({ command: command.command });
    const { research } = await getChronicle();
    const { version } = await research.runWorkflowCommand({
      actor,
      workflowId,
      command,
      expectedVersion,
      audit: audit.inTransaction({ command: command.command }),
    });
    return Response.json({ workflowId, version });
  },
);
