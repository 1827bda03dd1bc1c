import { projectionParam } from '@/lib/http/projection-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/projections/[name]/failures', role: 'auditor' },
  async ({ actor, params }) => {
    const { projections } = await getChronicle();
    return Response.json(
      await projections.failures({ actor, projection: projectionParam(params) }),
    );
  },
);
