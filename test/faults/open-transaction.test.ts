import { randomUUID } from 'node:crypto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogHealthCard } from '@/components/dashboard/log-health-card';
import { databaseIndicator } from '@/components/shell/health-indicator';
import { HEALTH_POLL_MS } from '@/hooks/use-health';
import type { Health } from '@/lib/health';
import type { LogHealth } from '@/lib/log-health';
import type { EventStore } from '@/lib/event-store';
import { apiRequest, routeContext } from '@/test/api';
import { auditor, operator } from '@/test/database';
import { appOnOwnPostgres } from './own-postgres';

/** Low, so that the test need not hold its transaction for the default's 30 s. */
const WARN_SECONDS = 2;
/** How long the transaction stays open after the warning; FAULT_HOLD_SECONDS=300 for minutes. */
const HOLD_SECONDS = Number(process.env.FAULT_HOLD_SECONDS ?? 3);
const category = `held${randomUUID().slice(0, 8)}`;

let app: Awaited<ReturnType<typeof appOnOwnPostgres>>;
let health: typeof import('@/app/api/v1/health/route');
let runtime: typeof import('@/lib/runtime');
let store: EventStore;

// Its own server: any long transaction elsewhere on a shared one would hold the horizon too.
beforeAll(async () => {
  app = await appOnOwnPostgres({ CHRONICLE_HORIZON_WARN_SECONDS: String(WARN_SECONDS) });
  ({ health, runtime, store } = app);
});
afterAll(() => app.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthBody(): Promise<Health> {
  const response = await health.GET(apiRequest('/api/v1/health', { token: null }), routeContext());
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
}

const appended: number[] = [];
async function appendOutside(count: number) {
  for (let i = 0; i < count; i++) {
    const result = await store.append({
      actor: operator,
      streamId: `${category}-${i % 4}`,
      events: [{ type: 'Written', data: { i } }],
    });
    appended.push(...result.positions);
  }
}

const readable = async (after: number) =>
  store.readAll({ actor: auditor, category, after, limit: 1000 });

describe('a transaction left open', () => {
  it(
    'holds readers back without letting them skip, and /health and the dashboard warn',
    {
      timeout: 600_000,
    },
    async () => {
      const { CHRONICLE_HORIZON_WARN_SECONDS } = (await import('@/lib/env')).env();
      expect(CHRONICLE_HORIZON_WARN_SECONDS).toBe(WARN_SECONDS);
      const chronicle = await runtime.getChronicle();

      await appendOutside(5);
      const controller = new AbortController();
      const delivered: number[] = [];
      const subscription = store.subscribe({
        actor: auditor,
        category,
        signal: controller.signal,
        pollMs: 200,
        onEvent: (event) => {
          delivered.push(event.position);
        },
      });

      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let opened!: (value: { position: number; pid: number }) => void;
      const open = new Promise<{ position: number; pid: number }>((resolve) => (opened = resolve));
      const holder = store.transact(async (tx) => {
        const [row] = await tx.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
        const result = await tx.append({
          actor: operator,
          streamId: `${category}-held`,
          events: [{ type: 'Written', data: { held: true } }],
        });
        opened({ position: result.positions[0]!, pid: row!.pid });
        await released;
        return result.positions;
      });
      const { position: heldPosition, pid } = await open;
      const openedAt = performance.now();

      await appendOutside(20);
      const afterHeld = appended.filter((position) => position > heldPosition);
      expect(afterHeld.length).toBeGreaterThan(0);

      let healthWarnedMs: number | undefined;
      let stalledHealth: Health | undefined;
      // The transaction's own age when each warned: it opened a little before `openedAt`.
      let healthWarnedAtAge: number | undefined;
      let dashboardWarnedMs: number | undefined;
      let dashboard: LogHealth | undefined;
      while (healthWarnedMs === undefined || dashboardWarnedMs === undefined) {
        const body = await healthBody();
        if (healthWarnedMs === undefined && body.status === 'ok' && body.database.horizonStalled) {
          healthWarnedMs = performance.now() - openedAt;
          healthWarnedAtAge = body.database.oldestTransactionAgeSeconds;
          stalledHealth = body;
        }
        const log = await chronicle.logHealth({ actor: auditor });
        if (dashboardWarnedMs === undefined && log.warning) {
          dashboardWarnedMs = performance.now() - openedAt;
          dashboard = log;
        }
        if (performance.now() - openedAt > 30_000) break;
        await sleep(100);
      }

      await sleep(HOLD_SECONDS * 1000);
      const stalled = await readable(0);
      const heldSeconds = (performance.now() - openedAt) / 1000;
      expect(stalled.lastPosition).toBeLessThan(heldPosition);
      expect(stalled.events.every((event) => event.position < heldPosition)).toBe(true);
      expect(delivered.every((position) => position < heldPosition)).toBe(true);
      const withheld = appended.filter((position) => position > stalled.lastPosition).length + 1;

      release();
      const heldPositions = await holder;
      appended.push(...heldPositions);
      const expected = [...appended].sort((a, b) => a - b);
      const finalPosition = expected.at(-1)!;
      while ((await readable(finalPosition - 1)).lastPosition < finalPosition) await sleep(25);
      while (delivered.length < expected.length) await sleep(25);
      controller.abort();
      await subscription;
      const after = await readable(0);

      console.log(
        `open transaction: held ${heldSeconds.toFixed(1)} s; ${appended.length} events appended, ` +
          `${withheld} withheld from $all while it was open, all ${after.events.length} readable after ` +
          `the commit; /health warned ${((healthWarnedMs ?? NaN) / 1000).toFixed(1)} s and the ` +
          `dashboard ${((dashboardWarnedMs ?? NaN) / 1000).toFixed(1)} s after it opened ` +
          `(threshold ${WARN_SECONDS} s)`,
      );
      expect(healthWarnedAtAge).toBeGreaterThan(WARN_SECONDS);
      expect(dashboard?.holders[0]?.ageSeconds).toBeGreaterThan(WARN_SECONDS);
      expect(healthWarnedMs).toBeLessThan(30_000);
      expect(dashboardWarnedMs).toBeLessThan(30_000);
      expect(dashboard?.holders[0]?.pid).toBe(pid);
      // The console's sidebar, on every page, from the same /health answer.
      const sidebar = databaseIndicator({ data: stalledHealth, status: 'success' });
      expect(sidebar.state).toBe('stalled');
      expect(sidebar.label).toBe(`Log held back ${Math.floor(healthWarnedAtAge!)} s`);
      const card = renderToStaticMarkup(createElement(LogHealthCard, { health: dashboard! }));
      expect(card).toContain(`A transaction has been open over ${WARN_SECONDS} s`);
      expect(card).toContain(`pid <span class="font-mono tabular-nums">${pid}</span>`);
      expect(after.events.map((event) => event.position)).toEqual(expected);
      expect(delivered).toEqual(expected);
    },
  );

  it('warns by default within 30 s of such a transaction opening, the sidebar poll included', async () => {
    const saved = process.env.CHRONICLE_HORIZON_WARN_SECONDS;
    delete process.env.CHRONICLE_HORIZON_WARN_SECONDS;
    try {
      vi.resetModules();
      const { env: fresh } = await import('@/lib/env');
      expect(fresh().CHRONICLE_HORIZON_WARN_SECONDS + HEALTH_POLL_MS / 1000).toBeLessThanOrEqual(
        30,
      );
    } finally {
      process.env.CHRONICLE_HORIZON_WARN_SECONDS = saved;
    }
  });
});
