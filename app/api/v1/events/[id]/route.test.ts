import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlationPage, recordedEvent } from '@/lib/api/schemas';
import { operator, waitForHorizon, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let eventRoute: typeof import('./route');
let correlationRoute: typeof import('../../correlations/[id]/route');

beforeAll(async () => {
  t = await useApiDatabase();
  eventRoute = await import('./route');
  correlationRoute = await import('../../correlations/[id]/route');
});

const getEvent = (id: string) =>
  eventRoute.GET(apiRequest(`/api/v1/events/${id}`), routeContext({ id }));
const getCorrelation = (id: string, query = '') =>
  correlationRoute.GET(
    apiRequest(`/api/v1/correlations/${encodeURIComponent(id)}${query}`),
    routeContext({ id }),
  );

describe('GET /api/v1/events/{eventId}', () => {
  it('answers the event as the contract shapes it', async () => {
    const eventId = randomUUID();
    const streamId = `item-${randomUUID().slice(0, 8)}`;
    await t.store.append({
      actor: operator,
      streamId,
      events: [{ eventId, type: 'Made', data: { n: 1 }, metadata: { actor: 'ann' } }],
    });
    const response = await getEvent(eventId.toUpperCase());
    expect(response.status).toBe(200);
    const body = recordedEvent.parse(await response.json());
    expect(body).toMatchObject({ eventId, streamId, version: 1, data: { n: 1 } });
  });

  it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
    await expectProblem(await getEvent(randomUUID()), 404);
    const problem = await expectProblem(await getEvent('not-a-uuid'), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'id' })]);
  });
});

describe('GET /api/v1/correlations/{correlationId}', () => {
  it('answers the group across streams in $all order, paged with after and limit', async () => {
    const correlationId = randomUUID();
    const run = randomUUID().slice(0, 8);
    let last = 0;
    for (const [streamId, type] of [
      [`a-${run}`, 'First'],
      [`b-${run}`, 'Second'],
      [`c-${run}`, 'Elsewhere'],
      [`a-${run}`, 'Third'],
    ] as const) {
      const metadata = type === 'Elsewhere' ? { correlationId: randomUUID() } : { correlationId };
      const result = await t.store.append({
        actor: operator,
        streamId,
        events: [{ type, data: {}, metadata }],
      });
      last = result.positions[0]!;
    }
    await waitForHorizon(t.store, last);
    const response = await getCorrelation(correlationId);
    expect(response.status).toBe(200);
    const body = correlationPage.parse(await response.json());
    expect(body.correlationId).toBe(correlationId);
    expect(body.events.map((event) => [event.streamId, event.type])).toEqual([
      [`a-${run}`, 'First'],
      [`b-${run}`, 'Second'],
      [`a-${run}`, 'Third'],
    ]);
    const first = correlationPage.parse(
      await (await getCorrelation(correlationId, '?limit=2')).json(),
    );
    const rest = correlationPage.parse(
      await (await getCorrelation(correlationId, `?after=${first.lastPosition}`)).json(),
    );
    expect([...first.events, ...rest.events].map((event) => event.type)).toEqual([
      'First',
      'Second',
      'Third',
    ]);
  });

  it('answers an empty group for an id nothing carries, and 400 for a bad limit', async () => {
    const body = correlationPage.parse(await (await getCorrelation('nobody')).json());
    expect(body.events).toEqual([]);
    await expectProblem(await getCorrelation('x', '?limit=1001'), 400);
  });
});
