import { failureTarget } from '@/lib/http/audit-targets';
import { projectionParam } from '@/lib/http/projection-param';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withApi(
  {
    route: '/api/v1/projections/[name]/failures/[id]/retry',
    role: 'operator',
    audit: { action: 'ProjectionFailureRetry', target: failureTarget },
  },
  async ({ actor, params, audit }) => {
    const { projections } = await getChronicle();
    const outcome = await projections.retry({
      actor,
      projection: projectionParam(params),
      failureId: uuidParam(params, 'failure'),
    });
    audit.note({ ...outcome });
    return Response.json(outcome);
  },
);
