import { diffQuery } from '@/lib/api/state-schemas';
import { parseQuery } from '@/lib/http/query';
import { streamTarget } from '@/lib/http/audit-targets';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';
import { diffStates } from '@/lib/temporal/diff';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/streams/[id]/diff',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: streamTarget },
  },
  async ({ actor, params, url }) => {
    const streamId = streamIdParam(params);
    const { from, to } = parseQuery(url, diffQuery);
    const chronicle = await getChronicle();
    const stateAt = (version: number) => chronicle.stateAt({ actor, streamId, point: { version } });
    const [before, after] = await Promise.all([stateAt(from), stateAt(to)]);
    return Response.json({ streamId, from, to, changes: diffStates(before.state, after.state) });
  },
);
