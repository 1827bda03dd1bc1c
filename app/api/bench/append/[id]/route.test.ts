import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_SCHEMA } from '@/lib/bench/raw-append';
import type { TestDatabase } from '@/test/database';
import { apiRequest, routeContext, TEST_TOKEN, useApiDatabase } from '@/test/api';

let t: TestDatabase;
let route: typeof import('./route');

beforeAll(async () => {
  t = await useApiDatabase();
  // The floor's tables exist, as in a benchmark's database: only the switch keeps it shut.
  await t.db.$client.unsafe(RAW_SCHEMA);
  route = await import('./route');
});

describe('the benchmark floor /api/bench/append/{id}', () => {
  it('is refused to everyone and writes nothing unless CHRONICLE_BENCH_FLOOR is set', async () => {
    const id = `floor-${randomUUID()}`;
    const body = JSON.stringify({ events: [{ type: 'Probed', data: {} }] });
    for (const token of [null, TEST_TOKEN]) {
      const post = await route.POST(
        apiRequest(`/api/bench/append/${id}`, {
          method: 'POST',
          token,
          headers: { 'content-type': 'application/json' },
          body,
        }),
        routeContext({ id }),
      );
      expect(post.status).toBe(404);
      const get = await route.GET(
        apiRequest(`/api/bench/append/${id}`, { token }),
        routeContext({ id }),
      );
      expect(get.status).toBe(404);
    }
    const [row] = await t.db.$client<{ n: number }[]>`
      select (select count(*) from raw_events)::int + (select count(*) from raw_streams)::int as n`;
    expect(row?.n).toBe(0);
  });
});
