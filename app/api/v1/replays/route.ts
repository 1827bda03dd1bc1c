import { listReplaysQuery, startReplayRequest } from '@/lib/api/projection-schemas';
import { parseQuery } from '@/lib/http/query';
import { readJsonBody } from '@/lib/http/read-json-body';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/replays';

export const GET = withApi({ route, role: 'auditor' }, async ({ actor, url }) => {
  const query = parseQuery(url, listReplaysQuery);
  const { replays } = await getChronicle();
  return Response.json(await replays.list({ actor, ...query }));
});

export const POST = withApi(
  { route, role: 'operator', audit: { action: 'ReplayStart', target: () => 'replays' } },
  async ({ req, actor, audit }) => {
    const body = await readJsonBody(req, startReplayRequest);
    const { replays } = await getChronicle();
    const replay = await replays.start({ actor, ...body });
    audit.note({ replayId: replay.replayId, projection: replay.projection, mode: replay.mode });
    return Response.json(
      { replayId: replay.replayId, status: replay.status },
      { status: 202, headers: { location: `${route}/${replay.replayId}` } },
    );
  },
);
