import { stateQuery } from '@/lib/api/state-schemas';
import { validationError } from '@/lib/errors';
import { parseQuery } from '@/lib/http/query';
import { streamTarget } from '@/lib/http/audit-targets';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getReads } from '@/lib/runtime';
import type { StatePoint } from '@/lib/temporal/state-at';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/streams/[id]/state',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: streamTarget },
  },
  async ({ actor, params, url }) => {
    const streamId = streamIdParam(params);
    const point = statePoint(parseQuery(url, stateQuery));
    const reads = await getReads(actor);
    return Response.json(await reads.stateAt({ actor, streamId, point }));
  },
);

/** At most one of version and at (neither: the current state); time qualifies at alone. */
function statePoint({ version, at, time }: z.output<typeof stateQuery>): StatePoint {
  if (at && version === undefined) return { at, time: time ?? 'recorded' };
  if (!at && !time) return version === undefined ? { latest: true } : { version };
  const message =
    version !== undefined && at
      ? 'give either version or at, not both'
      : 'time goes with at, not with version or alone';
  throw validationError(`Invalid query: ${message}`, [{ path: 'query', message }]);
}
