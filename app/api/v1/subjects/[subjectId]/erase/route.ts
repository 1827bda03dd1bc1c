import { subjectIdParam } from '@/lib/api/subject-schemas';
import { subjectTarget } from '@/lib/http/audit-targets';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';
import { parseInput } from '@/lib/validate';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Nothing to say beyond the path, so any body is ignored. A second call answers the first
// erasure again (and tidies up again), so a client may retry.
export const POST = withApi(
  {
    route: '/api/v1/subjects/[subjectId]/erase',
    role: 'admin',
    audit: { action: 'SubjectErase', target: subjectTarget },
  },
  async ({ actor, params, audit }) => {
    const subjectId = parseInput(subjectIdParam, params.subjectId, 'path');
    const chronicle = await getChronicle();
    const { streams, alreadyErased, ...erasure } = await chronicle.eraseSubject({
      actor,
      subjectId,
    });
    audit.note({ events: erasure.events, streams: streams.length, alreadyErased });
    return Response.json(erasure);
  },
);
