import { holdRequest } from '@/lib/api/retention-schemas';
import { streamTarget } from '@/lib/http/audit-targets';
import { readJsonBody } from '@/lib/http/read-json-body';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const PUT = withApi(
  {
    route: '/api/v1/streams/[id]/hold',
    role: 'admin',
    audit: { action: 'LegalHoldChange', target: streamTarget },
  },
  async ({ req, actor, params, audit }) => {
    const streamId = streamIdParam(params);
    const { hold } = await readJsonBody(req, holdRequest);
    audit.note({ hold });
    const { retention } = await getChronicle();
    return Response.json(await retention.setHold({ actor, streamId, hold }));
  },
);
