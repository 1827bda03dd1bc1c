import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/streams/[id]', role: 'auditor' },
  async ({ actor, params }) => {
    const streamId = streamIdParam(params);
    const store = await getStore();
    return Response.json(await store.getStream({ actor, streamId }));
  },
);
