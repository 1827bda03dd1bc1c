import { replayTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withApi(
  {
    route: '/api/v1/replays/[id]/cancel',
    role: 'operator',
    audit: { action: 'ReplayCancel', target: replayTarget },
  },
  async ({ actor, params }) => {
    const { replays } = await getChronicle();
    const replay = await replays.cancel({ actor, replayId: uuidParam(params, 'replay') });
    return Response.json({ replayId: replay.replayId, status: replay.status }, { status: 202 });
  },
);
