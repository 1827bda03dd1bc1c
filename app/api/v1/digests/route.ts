import { listDigestsQuery } from '@/lib/api/integrity-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/digests';

export const GET = withApi({ route, role: 'auditor' }, async ({ actor, url }) => {
  const query = parseQuery(url, listDigestsQuery);
  const { integrity } = await getChronicle();
  return Response.json(await integrity.listDigests({ actor, ...query }));
});

export const POST = withApi(
  { route, role: 'auditor', audit: { action: 'DigestTake', target: () => 'digests' } },
  async ({ actor, audit }) => {
    const { integrity } = await getChronicle();
    const digest = await integrity.takeDigest({ actor });
    audit.note({ digestId: digest.id, position: digest.position, root: digest.root });
    return Response.json(digest, { status: 201, headers: { location: `${route}/latest` } });
  },
);
