import { createTokenRequest } from '@/lib/api/token-schemas';
import { readJsonBody } from '@/lib/http/read-json-body';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const route = '/api/v1/tokens';

export const GET = withApi({ route, role: 'admin' }, async ({ actor }) => {
  const { tokens } = await getChronicle();
  return Response.json(await tokens.list(actor));
});

export const POST = withApi(
  { route, role: 'admin', audit: { action: 'TokenCreate', target: () => 'tokens' } },
  async ({ req, actor, audit }) => {
    const body = await readJsonBody(req, createTokenRequest);
    const { tokens } = await getChronicle();
    const created = await tokens.create(actor, body);
    audit.note({ tokenId: created.id, name: created.name, role: created.role });
    return Response.json(created, { status: 201, headers: { location: `${route}/${created.id}` } });
  },
);
