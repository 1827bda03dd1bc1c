import { readAllQuery } from '@/lib/api/schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi({ route: '/api/v1/events', role: 'auditor' }, async ({ actor, url }) => {
  const { type, ...filter } = parseQuery(url, readAllQuery);
  const store = await getStore();
  return Response.json(await store.readAll({ actor, ...filter, types: type }));
});
