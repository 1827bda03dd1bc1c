import { listVerificationsQuery } from '@/lib/api/integrity-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/verifications';

export const GET = withApi({ route, role: 'auditor' }, async ({ actor, url }) => {
  const query = parseQuery(url, listVerificationsQuery);
  const { integrity } = await getChronicle();
  return Response.json(await integrity.verifications.list({ actor, ...query }));
});

export const POST = withApi(
  { route, role: 'auditor', audit: { action: 'StreamVerify', target: () => 'all streams' } },
  async ({ actor, audit }) => {
    const { integrity } = await getChronicle();
    const run = await integrity.verifications.startAll({ actor });
    audit.note({ runId: run.id });
    return Response.json(run, { status: 202, headers: { location: `${route}/${run.id}` } });
  },
);
