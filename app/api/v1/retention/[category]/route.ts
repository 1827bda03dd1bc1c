import { setRetentionRequest } from '@/lib/api/retention-schemas';
import { retentionTarget } from '@/lib/http/audit-targets';
import { readJsonBody } from '@/lib/http/read-json-body';
import { withApi, type RouteParams } from '@/lib/http/with-api';
import { getChronicle } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Whole: a category cut short could name another category, and lib refuses one too long.
const categoryOf = (params: RouteParams) =>
  typeof params.category === 'string' ? params.category : '';

export const PUT = withApi(
  {
    route: '/api/v1/retention/[category]',
    role: 'admin',
    audit: { action: 'RetentionChange', target: retentionTarget },
  },
  async ({ req, actor, params, audit }) => {
    const body = await readJsonBody(req, setRetentionRequest);
    const rule = { maxAgeDays: body.maxAgeDays ?? null, maxCount: body.maxCount ?? null };
    audit.note(rule);
    const { retention } = await getChronicle();
    return Response.json(await retention.setRule({ actor, category: categoryOf(params), ...rule }));
  },
);
