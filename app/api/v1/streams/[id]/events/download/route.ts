import { downloadQuery } from '@/lib/api/schemas';
import { parseQuery } from '@/lib/http/query';
import { streamTarget } from '@/lib/http/audit-targets';
import { streamIdParam } from '@/lib/http/stream-id-param';
import { withApi } from '@/lib/http/with-api';
import { getReads } from '@/lib/runtime';
import { historyFile } from '@/lib/temporal/history-file';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The file name a browser saves: the stream id with anything unsafe in a name replaced. */
const fileName = (streamId: string, version: number) =>
  `${streamId.replace(/[^A-Za-z0-9_.-]/g, '_')}-v${version}.json`;

export const GET = withApi(
  {
    route: '/api/v1/streams/[id]/events/download',
    role: 'auditor',
    audit: { action: 'EventsExport', target: streamTarget },
  },
  async ({ actor, params, url, audit }) => {
    const streamId = streamIdParam(params);
    const { raw } = parseQuery(url, downloadQuery);
    const { version, body } = await historyFile((await getReads(actor)).store, {
      actor,
      streamId,
      raw,
    });
    audit.note({ events: version, raw: raw ?? false });
    return new Response(body, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName(streamId, version)}"`,
        'cache-control': 'no-store',
      },
    });
  },
);
