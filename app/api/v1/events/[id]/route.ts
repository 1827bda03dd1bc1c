import { eventTarget } from '@/lib/http/audit-targets';
import { uuidParam } from '@/lib/http/uuid-param';
import { withApi } from '@/lib/http/with-api';
import { getStore } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApi(
  {
    route: '/api/v1/events/[id]',
    role: 'auditor',
    audit: { action: 'EventDataRead', target: eventTarget },
  },
  async ({ actor, params }) => {
    const store = await getStore();
    return Response.json(await store.getEvent({ actor, eventId: uuidParam(params, 'event') }));
  },
);
