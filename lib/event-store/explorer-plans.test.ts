import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { countQuery } from './count-all';
import { accessFor, backwardQuery, forwardQuery, type Access, type AllFilter } from './read-all';
import { causedQuery, causesQuery } from './read-causation';

let t: TestDatabase;
const correlations = Array.from({ length: 40 }, () => randomUUID());
const day = 24 * 3600 * 1000;
const start = Date.UTC(2025, 0, 1);

/**
 * 4,000 events over 200 streams of 8 categories, 40 correlations, 25 actors, 12 types and a
 * year of occurred times, then ANALYZE: enough rows that a sequential scan would be the
 * planner's choice if no index fitted.
 */
beforeAll(async () => {
  t = await createTestDatabase();
  for (let batch = 0; batch < 40; batch++) {
    await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const s = batch * 5 + i;
        await t.store.append({
          actor: operator,
          streamId: `cat${s % 8}-${s}`,
          events: Array.from({ length: 20 }, (__, n) => ({
            type: `Type${(s + n) % 12}`,
            data: { n },
            metadata: {
              actor: `actor-${(s * 7 + n) % 25}`,
              correlationId: correlations[(s + n) % 40],
            },
            occurredAt: new Date(start + ((s * 20 + n) % 365) * day),
          })),
        });
      }),
    );
  }
  await t.db.$client`analyze events`;
});

type Plan = { 'Node Type': string; 'Relation Name'?: string; Plans?: Plan[] };

function nodes(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

type Read = ReturnType<
  | typeof forwardQuery
  | typeof backwardQuery
  | typeof countQuery
  | typeof causesQuery
  | typeof causedQuery
>;

async function scansOf(query: Read) {
  const sql = t.store.context.sql;
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: Plan }] }[]>`explain (format json) ${query}`;
  return nodes(row!['QUERY PLAN'][0].Plan)
    .filter((node) => node['Relation Name'] === 'events')
    .map((node) => node['Node Type']);
}

const t0 = new Date(start + 30 * day);
const t1 = new Date(start + 60 * day);
const filters: [string, AllFilter][] = [
  ['no filter', {}],
  ['one type', { types: ['Type3'] }],
  ['several types', { types: ['Type3', 'Type5'] }],
  ['a category', { category: 'cat3' }],
  ['a stream', { streamId: 'cat3-11' }],
  ['a correlation id', { correlationId: correlations[7]! }],
  ['an actor', { metadataActor: 'actor-4' }],
  ['recorded from', { from: new Date(Date.now() - 1000) }],
  ['recorded range', { from: new Date(Date.now() - 60_000), to: new Date(Date.now() - 30_000) }],
  ['occurred from', { occurredFrom: new Date(start + 360 * day) }],
  ['occurred range', { occurredFrom: t0, occurredTo: t1 }],
  ['type and actor', { types: ['Type1'], metadataActor: 'actor-9' }],
  ['category and occurred range', { category: 'cat2', occurredFrom: t0, occurredTo: t1 }],
  ['stream and type', { streamId: 'cat1-9', types: ['Type2'] }],
  ['actor and correlation', { metadataActor: 'actor-1', correlationId: correlations[3]! }],
  [
    'everything at once',
    {
      types: ['Type1'],
      category: 'cat1',
      streamId: 'cat1-9',
      metadataActor: 'actor-3',
      correlationId: correlations[2]!,
      occurredFrom: t0,
      from: new Date(start),
    },
  ],
];

const hasWindow = (filter: AllFilter) =>
  Boolean(filter.from ?? filter.to ?? filter.occurredFrom ?? filter.occurredTo);

/**
 * Windows holding a small part of these 4,000 events. The store reads a window through its
 * index only when it holds at most SMALL_WINDOW events; one holding most of a table this small
 * is cheapest to read whole, and the planner rightly does.
 */
const NARROW = new Set([
  'recorded range',
  'occurred from',
  'occurred range',
  'category and occurred range',
]);

describe('the explorer reads $all through indexes', () => {
  it.each(filters)('%s: no sequential scan of events, in any read', async (name, filter) => {
    const sql = t.store.context.sql;
    const accesses: Access[] = NARROW.has(name) ? ['position', 'window'] : ['position'];
    const plans = [];
    for (const access of accesses) {
      plans.push(
        await scansOf(forwardQuery(sql, filter, 0, 50, access)),
        await scansOf(forwardQuery(sql, filter, 1024 * 1000, 50, access)),
        await scansOf(backwardQuery(sql, filter, null, 50, access)),
        await scansOf(backwardQuery(sql, filter, Number.MAX_SAFE_INTEGER, 100, access)),
      );
    }
    for (const access of accesses) plans.push(await scansOf(countQuery(sql, filter, access)));
    plans.forEach((scans, index) => {
      expect(scans.length, `read ${index}`).toBeGreaterThan(0);
      expect(scans, `read ${index}`).not.toContain('Seq Scan');
    });
  });
});

describe('a time window read through its index', () => {
  it('is how a small window is read; no window is walked along the log', async () => {
    const sql = t.store.context.sql;
    expect(await accessFor(sql, { occurredFrom: t0, occurredTo: t1 })).toBe('window');
    expect(await accessFor(sql, { types: ['Type3'] })).toBe('position');
  });

  it.each(filters.filter(([, filter]) => hasWindow(filter)))(
    '%s: the same pages as a walk along the log',
    async (_, filter) => {
      const sql = t.store.context.sql;
      const positions = (rows: { global_position: number | null }[]) =>
        rows.flatMap((row) => (row.global_position === null ? [] : [row.global_position]));
      for (const limit of [1, 7, 50]) {
        expect(positions(await forwardQuery(sql, filter, 0, limit, 'window'))).toEqual(
          positions(await forwardQuery(sql, filter, 0, limit, 'position')),
        );
        expect(positions(await backwardQuery(sql, filter, null, limit, 'window'))).toEqual(
          positions(await backwardQuery(sql, filter, null, limit, 'position')),
        );
      }
    },
  );
});

describe("an event's page reads through indexes", () => {
  it('walks causes up and effects down without a sequential scan of events', async () => {
    const sql = t.store.context.sql;
    const [row] = await sql<{ event_id: string }[]>`select event_id from events limit 1`;
    for (const query of [causesQuery(sql, row!.event_id), causedQuery(sql, row!.event_id)]) {
      const scans = await scansOf(query);
      expect(scans.length).toBeGreaterThan(0);
      expect(scans).not.toContain('Seq Scan');
    }
  });
});
