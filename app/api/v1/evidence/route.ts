import { evidenceQuery } from '@/lib/api/integrity-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle, getReads } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const encoder = new TextEncoder();

export const GET = withApi(
  {
    route: '/api/v1/evidence',
    role: 'auditor',
    audit: { action: 'EventsExport', target: () => 'evidence' },
  },
  async ({ actor, url, audit, req }) => {
    const { streams, from, to } = parseQuery(url, evidenceQuery);
    const selection = streams ? { streams } : { from: from!, to: to! };
    const { integrity } = await getChronicle();
    const { evidenceSource } = await getReads(actor);
    const lines = integrity.evidence({ actor, selection, readFrom: evidenceSource });
    // The first chunk before answering: a refusal (unknown stream, no key) is then a problem
    // answer, not a broken download.
    const first = await lines.next();
    audit.note(streams ? { streams: streams.slice(0, 20), count: streams.length } : { from, to });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        if (req.signal.aborted) return controller.close();
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
    return new Response(body, {
      headers: {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="chronicle-evidence-${stamp}.ndjson"`,
        'cache-control': 'no-store',
      },
    });
  },
);
