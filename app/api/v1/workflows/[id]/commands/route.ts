import { workflowCommandRequest } from '@/lib/api/workflow-schemas';
import { ChronicleError, notFound } from '@/lib/errors';
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
    const { version } = await research
      .runWorkflowCommand({ actor, workflowId, command, expectedVersion })
      .catch((error: unknown) => {
        throw isUnknownWorkflow(error) ? notFound(`Workflow ${workflowId} does not exist`) : error;
      });
    return Response.json({ workflowId, version });
  },
);

/**
 * An unknown workflow is at version 0, so a command with an expectedVersion above 0 fails the
 * version check before the domain can say that the workflow does not exist.
 */
const isUnknownWorkflow = (error: unknown) =>
  error instanceof ChronicleError &&
  error.code === 'concurrency' &&
  error.details.currentVersion === 0;
