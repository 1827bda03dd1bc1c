import { allFilterOf } from '@/lib/api/all-filter';
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
    const { direction, after, before, limit, raw, ...query } = parseQuery(url, readAllQuery);
    const filter = { actor, limit, raw, ...allFilterOf(query) };
    const store = await getStore();
    if (direction === 'backward') {
      if (after !== undefined)
        throw validationError('after goes with direction=forward; use before');
      return Response.json(await store.readAllBackward({ ...filter, before }));
    }
    if (before !== undefined) throw validationError('before goes with direction=backward');
    return Response.json(await store.readAll({ ...filter, after }));
  },
);
