import { listSubjectsQuery } from '@/lib/api/subject-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi({ route: '/api/v1/subjects', role: 'admin' }, async ({ req, actor }) => {
  const query = parseQuery(new URL(req.url), listSubjectsQuery);
  const chronicle = await getChronicle();
  return Response.json(await chronicle.listSubjects({ actor, ...query }));
});
