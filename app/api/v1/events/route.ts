import { readAllQuery } from '@/lib/api/schemas';
import { validationError } from '@/lib/errors';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/events',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: () => '$all' },
  },
  async ({ actor, url }) => {
    const { type, direction, after, before, ...filter } = parseQuery(url, readAllQuery);
    const store = await getStore();
    if (direction === 'backward') {
      if (after !== undefined)
        throw validationError('after goes with direction=forward; use before');
      return Response.json(await store.readAllBackward({ actor, ...filter, before, types: type }));
    }
    if (before !== undefined) throw validationError('before goes with direction=backward');
    return Response.json(await store.readAll({ actor, ...filter, after, types: type }));
  },
);
