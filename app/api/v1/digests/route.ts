import { listDigestsQuery } from '@/lib/api/integrity-schemas';
import { parseQuery } from '@/lib/http/query';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/digests';

/** A list, newest first, as the contract has it; the pages either side are in the Link header. */
export const GET = withApi({ route, role: 'auditor' }, async ({ actor, url }) => {
  const query = parseQuery(url, listDigestsQuery);
  const { integrity } = await getChronicle();
  const { digests, nextCursor, previousCursor } = await integrity.listDigests({ actor, ...query });
  const link = (cursor: string, rel: string) => {
    const params = new URLSearchParams({ cursor });
    if (query.limit) params.set('limit', String(query.limit));
    return `<${route}?${params.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(nextCursor ? [link(nextCursor, 'next')] : []),
    ...(previousCursor ? [link(previousCursor, 'prev')] : []),
  ];
  return Response.json(digests, { headers: links.length ? { link: links.join(', ') } : {} });
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
