import { openApiDocument } from '@/lib/api/openapi';
import { withApi } from '@/lib/http/with-api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Public: the document describes the API, not its data, and clients fetch it before they have a token.
export const GET = withApi({ route: '/api/v1/openapi.json', role: 'public' }, async () =>
  Response.json(openApiDocument()),
);
