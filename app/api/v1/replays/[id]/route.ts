import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  { route: '/api/v1/replays/[id]', role: 'auditor' },
  async ({ actor, params }) => {
    const { replays } = await getChronicle();
    return Response.json(await replays.get({ actor, replayId: uuidParam(params, 'replay') }));
  },
);
