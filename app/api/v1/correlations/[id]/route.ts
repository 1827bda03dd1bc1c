import { correlationTarget } from '@/lib/http/audit-targets';
import { correlationQuery } from '@/lib/api/schemas';
import { validationError } from '@/lib/errors';
import { parseQuery } from '@/lib/http/query';
import { withApi, type RouteParams } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Correlation ids are whatever the writer put in metadata: any text of 1–200 characters that
 * jsonb can hold (no NUL, no lone surrogate).
 */
function correlationParam(params: RouteParams): string {
  const value = params.id;
  if (
    typeof value !== 'string' ||
    value.length < 1 ||
    value.length > 200 ||
    value.includes('\u0000') ||
    !value.isWellFormed()
  ) {
    throw validationError('Invalid correlation id in the path: 1–200 characters', [
      { path: 'id', message: '1–200 characters, no NUL' },
    ]);
  }
  return value;
}

export const GET = withApi(
  {
    route: '/api/v1/correlations/[id]',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: correlationTarget },
  },
  async ({ actor, params, url }) => {
    const { after, limit } = parseQuery(url, correlationQuery);
    const store = await getStore();
    return Response.json(
      await store.readCorrelation({
        actor,
        correlationId: correlationParam(params),
        after,
        limit: limit ?? 1000,
      }),
    );
  },
);
