import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { erasureResult, subjectList } from '@/lib/api/subject-schemas';
import { workflowStreamId } from '@/lib/domain/workflow';
import { generateMasterKeyText, loadMasterKey } from '@/lib/personal/master-key';
import type { TestDatabase } from '@/test/database';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  expectProblem,
  OPERATOR_TOKEN,
  routeContext,
  sampleWorkflow,
  useApiDatabase,
} from '@/test/api';

let t: TestDatabase;
let list: typeof import('./route');
let erase: typeof import('./[subjectId]/erase/route');
const masterKeyText = generateMasterKeyText();
const master = loadMasterKey(masterKeyText);

beforeAll(async () => {
  t = await useApiDatabase();
  process.env.CHRONICLE_MASTER_KEY = masterKeyText;
  list = await import('./route');
  erase = await import('./[subjectId]/erase/route');
});

const post = (subjectId: string, token?: string | null) =>
  erase.POST(
    apiRequest(`/api/v1/subjects/${encodeURIComponent(subjectId)}/erase`, {
      method: 'POST',
      token,
    }),
    routeContext({ subjectId }),
  );

const auditOf = async (subjectId: string) =>
  t.db.$client<{ type: string; outcome: string }[]>`
    select event_type as type, event -> 'data' ->> 'outcome' as outcome from audit_outbox
    cross join lateral (select event ->> 'type' as event_type) x
    where event -> 'data' ->> 'target' = ${`subject:${subjectId}`}`;

describe('POST /api/v1/subjects/{subjectId}/erase', () => {
  it('erases a requester named through POST /workflows, once, on the audit trail', async () => {
    const email = `req.${randomUUID()}@example.org`;
    const workflowId = await createWorkflow({ ...sampleWorkflow, requestedBy: email });
    const subjectId = master.pseudonym('email', email);
    await expectProblem(await post(subjectId, OPERATOR_TOKEN), 403);
    await expectProblem(await post(subjectId, null), 401);

    const first = await post(subjectId);
    expect(first.status).toBe(200);
    const body = erasureResult.strict().parse(await first.json());
    expect(body).toMatchObject({ subjectId, events: 1 });

    const second = await post(subjectId);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(body);

    const { GET } = await import('@/app/api/v1/streams/[id]/events/route');
    const streamId = workflowStreamId(workflowId);
    const read = await GET(
      apiRequest(`/api/v1/streams/${streamId}/events`, { token: AUDITOR_TOKEN }),
      routeContext({ id: streamId }),
    );
    const { events } = (await read.json()) as {
      events: { data: Record<string, unknown>; erasedFields?: string[] }[];
    };
    expect(events[0]!.data.requestedBy).toBeNull();
    expect(events[0]!.erasedFields).toEqual(['/requestedBy']);
    expect((await auditOf(subjectId)).map((row) => row.outcome)).toEqual(
      expect.arrayContaining(['refused', 'succeeded']),
    );
  });

  it('answers 404 for an unknown subject, and 400 for what cannot be a subject id', async () => {
    await expectProblem(await post('person:nobody'), 404);
    await expectProblem(await post('person%3Anobody'), 404);
    await expectProblem(await post('x'.repeat(201)), 400);
    await expectProblem(await post('ada@example.org'), 400);
  });
});

describe('GET /api/v1/subjects', () => {
  const get = (query = '', token?: string | null) =>
    list.GET(apiRequest(`/api/v1/subjects${query}`, { token }), routeContext());

  it('lists subjects for admins only, sorted and paged', async () => {
    await createWorkflow({ ...sampleWorkflow, requestedBy: `a.${randomUUID()}@example.org` });
    await createWorkflow({ ...sampleWorkflow, requestedBy: `b.${randomUUID()}@example.org` });
    await expectProblem(await get('', AUDITOR_TOKEN), 403);
    const all = subjectList.parse(await (await get('?sort=createdAt&direction=asc')).json());
    expect(all.total).toBeGreaterThanOrEqual(3);
    const created = all.subjects.map((s) => s.createdAt);
    expect(created).toEqual([...created].sort());
    const page = subjectList.parse(await (await get('?limit=1&offset=1&direction=asc')).json());
    expect(page.subjects.map((s) => s.subjectId)).toEqual([all.subjects[1]!.subjectId]);
    expect(page.total).toBe(all.total);
    await expectProblem(await get('?sort=name'), 400);
  });
});
