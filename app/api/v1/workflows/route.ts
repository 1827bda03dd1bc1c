import { randomUUID } from 'node:crypto';
import { createWorkflowRequest, listWorkflowsQuery } from '@/lib/api/workflow-schemas';
import { parseQuery } from '@/lib/http/query';
import { readJsonBody } from '@/lib/http/read-json-body';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/workflows';

export const GET = withApi(
  { route, role: 'auditor', audit: { action: 'EventDataRead', target: () => 'workflows' } },
  async ({ actor, url }) => {
    const query = parseQuery(url, listWorkflowsQuery);
    const { research } = await getChronicle();
    return Response.json(await research.listWorkflows({ actor, ...query }));
  },
);

export const POST = withApi(
  { route, role: 'operator', audit: { action: 'WorkflowCreate', target: () => 'workflows' } },
  async ({ req, actor, audit }) => {
    const body = await readJsonBody(req, createWorkflowRequest);
    const { research } = await getChronicle();
    const workflowId = randomUUID();
    const created = await research.createWorkflow({
      actor,
      workflowId,
      ...body,
      audit: audit.inTransaction({ workflowId }),
    });
    return Response.json(created, {
      status: 201,
      headers: { location: `${route}/${created.workflowId}` },
    });
  },
);
