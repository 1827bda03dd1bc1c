import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseIndicator } from '@/components/shell/health-indicator';
import { healthFrom } from '@/hooks/use-health';
import type { EventStore } from '@/lib/event-store';
import { isDatabaseUnavailable } from '@/lib/database-unavailable';
import { apiRequest, routeContext } from '@/test/api';
import { operator } from '@/test/database';
import { appOnOwnPostgres, type OwnPostgres } from './own-postgres';

const WRITERS = 8;
const LOAD_MS = 1500;
const DOWN_MS = 2000;

let app: Awaited<ReturnType<typeof appOnOwnPostgres>>;
let server: OwnPostgres;
let health: typeof import('@/app/api/v1/health/route');
let runtime: typeof import('@/lib/runtime');
let store: EventStore;

beforeAll(async () => {
  app = await appOnOwnPostgres();
  ({ server, health, runtime, store } = app);
});
afterAll(() => app.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The route's answer and what the console's sidebar makes of it. */
async function probe() {
  const response = await health.GET(apiRequest('/api/v1/health', { token: null }), routeContext());
  const status = response.status;
  const indicator = databaseIndicator(
    await healthFrom(response).then(
      (data) => ({ status: 'success' as const, data }),
      () => ({ status: 'error' as const }),
    ),
  );
  return { status, label: indicator.label };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (done(await read())) return performance.now() - started;
    if (performance.now() - started > 60_000) throw new Error('not within 60 s');
    await sleep(50);
  }
}

type Load = {
  acknowledged: string[];
  lastSuccessAt: number;
  refused: number;
  unexpected: unknown[];
  stop: () => Promise<void>;
};

/** Writers appending one event at a time, as the app's requests would, through a restart. */
function startLoad(): Load {
  let running = true;
  const load: Load = {
    acknowledged: [],
    lastSuccessAt: 0,
    refused: 0,
    unexpected: [],
    stop: async () => {
      running = false;
      await writers;
    },
  };
  const writers = Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      while (running) {
        const eventId = randomUUID();
        try {
          await store.append({
            actor: operator,
            streamId: `restarted-${writer}`,
            events: [{ eventId, type: 'Written', data: { writer } }],
          });
          load.acknowledged.push(eventId);
          load.lastSuccessAt = performance.now();
        } catch (error) {
          if (isDatabaseUnavailable(error)) load.refused++;
          else load.unexpected.push(error);
          await sleep(20);
        }
      }
    }),
  );
  return load;
}

describe('a PostgreSQL restart under append load', () => {
  it(
    'loses no acknowledged append; the pool reconnects; /health and the console say down, then ok',
    {
      timeout: 300_000,
    },
    async () => {
      expect(await probe()).toEqual({ status: 200, label: 'Database ok' });
      const load = startLoad();
      const figures: string[] = [];
      for (const [name, stop] of [
        ['stop and start (fast shutdown)', server.stop],
        ['immediate shutdown and start (crash recovery)', server.stopImmediately],
      ] as const) {
        await sleep(LOAD_MS);
        await stop();
        const stoppedAt = performance.now();
        const downWithin = await until(probe, (answer) => answer.status === 503);
        expect(await probe()).toEqual({ status: 503, label: 'Database unavailable' });
        await sleep(DOWN_MS);
        await server.start();
        const startedAt = performance.now();
        const appendsBackMs = await until(
          async () => load.lastSuccessAt,
          (at) => at > startedAt,
        );
        const healthBackMs = await until(probe, (answer) => answer.status === 200);
        expect(await probe()).toEqual({ status: 200, label: 'Database ok' });
        figures.push(
          `${name}: /health 503 ${downWithin.toFixed(0)} ms after the stop, down ` +
            `${((startedAt - stoppedAt) / 1000).toFixed(1)} s; after the start appends succeeded again in ` +
            `${appendsBackMs.toFixed(0)} ms and /health answered 200 in ${healthBackMs.toFixed(0)} ms`,
        );
      }
      await sleep(LOAD_MS);
      await load.stop();

      const { db } = await runtime.getRuntime();
      const [row] = await db.$client<{ present: number }[]>`
      select count(*)::int as present from events where event_id = any(${load.acknowledged}::uuid[])`;
      console.log(
        `PostgreSQL restart under load (${WRITERS} writers): ${figures.join('; ')}. ` +
          `In all: ${load.acknowledged.length} appends acknowledged, ${row?.present} present afterwards, ` +
          `${load.refused} refused as "database unavailable", ${load.unexpected.length} other errors`,
      );
      expect(load.unexpected).toEqual([]);
      expect(row?.present).toBe(load.acknowledged.length);
      expect(load.acknowledged.length).toBeGreaterThan(0);
    },
  );
});
