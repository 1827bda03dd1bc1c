import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi({ route: '/api/v1/retention', role: 'auditor' }, async ({ actor }) => {
  const { retention } = await getChronicle();
  return Response.json(await retention.rules({ actor }));
});
