import { appendRequest, readStreamQuery } from '@/lib/api/schemas';
import { parseQuery } from '@/lib/http/query';
import { readJsonBody } from '@/lib/http/read-json-body';
import { streamTarget } from '@/lib/http/audit-targets';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle, getReads } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/streams/[id]/events';

export const GET = withApi(
  { route, role: 'auditor', audit: { action: 'EventDataRead', target: streamTarget } },
  async ({ actor, params, url }) => {
    const streamId = streamIdParam(params);
    const query = parseQuery(url, readStreamQuery);
    const { store } = await getReads(actor);
    return Response.json(await store.readStream({ actor, streamId, ...query }));
  },
);

export const POST = withApi(
  { route, role: 'operator', audit: { action: 'StreamAppend', target: streamTarget } },
  async ({ req, actor, params, audit }) => {
    const streamId = streamIdParam(params);
    const body = await readJsonBody(req, appendRequest);
    audit.note({ events: body.events.length });
    const chronicle = await getChronicle();
    const appended = await chronicle.append({
      actor,
      streamId,
      ...body,
      audit: audit.inTransaction({ events: body.events.length }),
    });
    return Response.json(appended, { status: 201 });
  },
);
