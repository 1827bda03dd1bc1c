import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { operator, waitForHorizon, type TestDatabase } from '@/test/database';
import { apiRequest, expectProblem, routeContext, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  route = await import('./route');
});

type Message = { event: string; id?: string; data: unknown };

/** Reads Server-Sent Events from a body until `until` is satisfied, then cancels the stream. */
async function readEvents(response: Response, until: (messages: Message[]) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: Message[] = [];
  let buffer = '';
  const deadline = Date.now() + 15_000;
  while (!until(messages) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop()!;
    for (const block of blocks) {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':') && line.includes(': '))
          .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
      );
      if (fields.event)
        messages.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data!) });
    }
  }
  await reader.cancel();
  return messages;
}

const category = () => `live${randomBytes(4).toString('hex')}`;

describe('GET /api/v1/events/live', () => {
  it('sends events committed after the start that match the filters, with their positions as ids', async () => {
    const mine = category();
    const first = await t.store.append({
      actor: operator,
      streamId: `${mine}-1`,
      events: [{ type: 'Before', data: {} }],
    });
    await waitForHorizon(t.store, first.positions[0]!);
    const controller = new AbortController();
    const response = await route.GET(
      new Request(apiRequest(`/api/v1/events/live?category=${mine}`), {
        signal: controller.signal,
      }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const appended = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await t.store.append({
        actor: operator,
        streamId: `${category()}-x`,
        events: [{ type: 'Other', data: {} }],
      });
      return t.store.append({
        actor: operator,
        streamId: `${mine}-2`,
        events: [
          { type: 'Live1', data: {} },
          { type: 'Live2', data: {} },
        ],
      });
    })();
    const messages = await readEvents(
      response,
      (seen) => seen.filter((m) => m.event === 'event').length >= 2,
    );
    controller.abort();
    const { positions } = await appended;
    const events = messages.filter((m) => m.event === 'event');
    expect(messages[0]).toMatchObject({ event: 'ready' });
    expect(events.map((m) => (m.data as { type: string }).type)).toEqual(['Live1', 'Live2']);
    expect(events.map((m) => Number(m.id))).toEqual(positions);
  });

  it('resumes after Last-Event-ID, so a reconnect neither loses nor repeats events', async () => {
    const mine = category();
    const { positions } = await t.store.append({
      actor: operator,
      streamId: `${mine}-1`,
      events: ['One', 'Two', 'Three'].map((type) => ({ type, data: {} })),
    });
    await waitForHorizon(t.store, positions.at(-1)!);
    const response = await route.GET(
      apiRequest(`/api/v1/events/live?category=${mine}&after=0`, {
        headers: { 'last-event-id': String(positions[0]) },
      }),
      routeContext(),
    );
    const messages = await readEvents(response, (seen) => seen.length >= 3);
    expect(
      messages.filter((m) => m.event === 'event').map((m) => (m.data as { type: string }).type),
    ).toEqual(['Two', 'Three']);
  });

  it('answers 400 for a bad filter before streaming, and 401 without a token', async () => {
    await expectProblem(
      await route.GET(apiRequest('/api/v1/events/live?occurredFrom=never'), routeContext()),
      400,
    );
    await expectProblem(
      await route.GET(apiRequest('/api/v1/events/live', { token: null }), routeContext()),
      401,
    );
  });
});
