import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle, getRuntime } from '@/lib/runtime';
import { progressStream } from '@/lib/http/progress-stream';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Server-Sent Events: the replay now, then each change, closing after a final status. */
export const GET = withApi(
  { route: '/api/v1/replays/[id]/progress', role: 'auditor' },
  async ({ actor, params, req }) => {
    const replayId = uuidParam(params, 'replay');
    const { replays } = await getChronicle();
    await replays.get({ actor, replayId });
    const { db } = await getRuntime();
    return progressStream(db.$client, replayId, req.signal);
  },
);
