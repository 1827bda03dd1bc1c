import { setRetentionRequest } from '@/lib/api/retention-schemas';
import { readJsonBody } from '@/lib/http/read-json-body';
import { withApi } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const categoryOf = (params: Record<string, string | string[] | undefined>) =>
  typeof params.category === 'string' ? params.category.slice(0, 200) : '';

export const PUT = withApi(
  {
    route: '/api/v1/retention/[category]',
    role: 'admin',
    audit: { action: 'RetentionChange', target: (params) => `retention:${categoryOf(params)}` },
  },
  async ({ req, actor, params, audit }) => {
    const body = await readJsonBody(req, setRetentionRequest);
    const rule = { maxAgeDays: body.maxAgeDays ?? null, maxCount: body.maxCount ?? null };
    audit.note(rule);
    const { retention } = await getChronicle();
    return Response.json(await retention.setRule({ actor, category: categoryOf(params), ...rule }));
  },
);
