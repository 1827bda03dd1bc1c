import { failureTarget } from '@/lib/http/audit-targets';
import { projectionParam } from '@/lib/http/projection-param';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

/** `POST /api/v1/projections/{name}/failures/{id}/retry|skip`: one act on a failed event. */
export function failureRoute(act: 'retry' | 'skip') {
  return withApi(
    {
      route: `/api/v1/projections/[name]/failures/[id]/${act}`,
      role: 'operator',
      audit: {
        action: act === 'retry' ? 'ProjectionFailureRetry' : 'ProjectionFailureSkip',
        target: failureTarget,
      },
    },
    async ({ actor, params, audit }) => {
      const { projections } = await getChronicle();
      const outcome = await projections[act]({
        actor,
        projection: projectionParam(params),
        failureId: uuidParam(params, 'failure'),
      });
      audit.note({ ...outcome });
      return Response.json(outcome);
    },
  );
}
