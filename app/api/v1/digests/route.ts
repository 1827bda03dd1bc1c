import { listDigestsQuery } from '@/lib/api/integrity-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/digests';

/** A list, newest first, as the contract has it; the next page is in the Link header. */
export const GET = withApi({ route, role: 'auditor' }, async ({ actor, url }) => {
  const query = parseQuery(url, listDigestsQuery);
  const { integrity } = await getChronicle();
  const { digests, nextBefore } = await integrity.listDigests({ actor, ...query });
  const headers = new Headers();
  if (nextBefore !== null) {
    const next = new URLSearchParams({ before: String(nextBefore) });
    if (query.limit) next.set('limit', String(query.limit));
    headers.set('link', `<${route}?${next.toString()}>; rel="next"`);
  }
  return Response.json(digests, { headers });
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
