import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Actor } from '../../lib/actor';
import type { Chronicle } from '../../lib/chronicle';
import { seedWorkflow } from './aggregates';
import { median, percentile, round } from './measure';
import { actor } from './targets';

/** The targets on this machine. */
export const AUDITOR_TARGETS = {
  explorerP50Ms: 50,
  timeTravelP50Ms: 30,
  verifyMs: 200,
  exportEventsPerSec: 50_000,
};

const CATEGORIES = ['ledger', 'order', 'case', 'ticket', 'sensor'];
const TYPES = [
  'Opened',
  'Updated',
  'Noted',
  'Approved',
  'Assigned',
  'Measured',
  'Linked',
  'Flagged',
  'Closed',
  'Archived',
];
const ACTORS = 50;
const WRITERS = 8;
const DAY_MS = 86_400_000;

const actorOf = (i: number): Actor => ({
  id: `actor-${i % ACTORS}`,
  role: 'operator',
  via: 'token',
});

/**
 * `events` events across `streams` streams of five categories, written through the store's own
 * append by eight writers: ten types, fifty actors, a correlation id per ten events, business
 * times over the last thirty days.
 */
export async function seedAuditorStore(
  chronicle: Chronicle,
  { events, streams }: { events: number; streams: number },
) {
  const perStream = Math.max(1, Math.round(events / streams));
  const started = performance.now();
  const now = Date.now();
  const step = Math.floor((29 * DAY_MS) / (perStream * streams));
  let next = 0;
  const writer = async () => {
    for (let i = next++; i < streams; i = next++) {
      const streamId = `${CATEGORIES[i % CATEGORIES.length]}-${i}`;
      const correlation = Array.from({ length: Math.ceil(perStream / 10) }, () => randomUUID());
      await chronicle.store.append({
        actor: actorOf(i),
        streamId,
        expectedVersion: 0,
        events: Array.from({ length: perStream }, (_, j) => ({
          type: TYPES[(i * 7 + j) % TYPES.length]!,
          data: { n: j, amount: (i % 1000) + j / 100, note: `entry ${j} of ${streamId}` },
          metadata: { correlationId: correlation[Math.floor(j / 10)]! },
          occurredAt: new Date(now - 30 * DAY_MS + (i * perStream + j) * step),
        })),
      });
      if (i % 5000 === 0) process.stderr.write(`auditor: ${i * perStream} events written\n`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const seconds = (performance.now() - started) / 1000;
  const workflow = await seedWorkflow(chronicle, 10_000, { withSnapshots: true });
  // A settled store: the maintenance a bulk load sets off is done before anything is timed.
  await chronicle.store.context.sql`vacuum analyze events`;
  return {
    events: perStream * streams,
    streams,
    seedEventsPerSec: Math.round((perStream * streams) / seconds),
    workflow,
  };
}

type Call = () => Promise<Response>;

async function latencies(calls: number, call: Call) {
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const began = performance.now();
    const response = await call();
    const body = await response.text();
    ms.push(performance.now() - began);
    if (!response.ok) throw new Error(`${response.status}: ${body.slice(0, 300)}`);
  }
  return { p50Ms: round(percentile(ms, 50), 2), p99Ms: round(percentile(ms, 99), 2) };
}

const TOKEN = 'bench-bootstrap-token-0123456789abcdef';

/** The app's runtime over the bench database, so that routes run as they do in the server. */
export function pointRuntimeAt(url: string) {
  process.env.DATABASE_URL = url;
  process.env.CHRONICLE_BOOTSTRAP_TOKEN = TOKEN;
  process.env.CHRONICLE_WORKER = 'false';
  process.env.LOG_LEVEL ??= 'silent';
}

const get = (path: string) =>
  new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

type Route = (
  req: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/**
 * Facts about the seeded data that filters can name, from the middle of the log: a stream, a
 * correlation id, the recorded times of 1 % of the events, and two days of business time.
 */
async function filterValues(sql: postgres.Sql) {
  const at = (fraction: number) => sql<
    { stream_id: string; correlation_id: string; recorded_at: Date; occurred_at: Date }[]
  >`
    select stream_id, metadata->>'correlationId' as correlation_id, recorded_at, occurred_at
    from events order by global_position
    offset (select floor(count(*) * ${fraction}::float8)::bigint from events) limit 1`;
  const [[middle], [later]] = await Promise.all([at(0.5), at(0.51)]);
  const m = middle!;
  const iso = (date: Date) => date.toISOString();
  return {
    none: '',
    type: 'type=Approved',
    category: 'category=order',
    stream: `stream=${encodeURIComponent(m.stream_id)}`,
    correlationId: `correlationId=${m.correlation_id}`,
    actor: 'actor=actor-7',
    recordedRange: `from=${iso(m.recorded_at)}&to=${iso(later!.recorded_at)}`,
    occurredRange: `occurredFrom=${iso(new Date(m.occurred_at.getTime() - DAY_MS))}&occurredTo=${iso(new Date(m.occurred_at.getTime() + DAY_MS))}`,
  };
}

/** The explorer's first page (50 events) through GET /api/v1/events, with each single filter. */
export async function explorerFirstPages(sql: postgres.Sql, calls: number) {
  const { GET } = (await import('../../app/api/v1/events/route')) as { GET: Route };
  const figures: Record<string, { p50Ms: number; p99Ms: number }> = {};
  for (const [name, query] of Object.entries(await filterValues(sql))) {
    process.stderr.write(`auditor: explorer ${name}\n`);
    figures[name] = await latencies(calls, () =>
      GET(get(`/api/v1/events?limit=50&${query}`), { params: Promise.resolve({}) }),
    );
  }
  const worst = Math.max(...Object.values(figures).map((f) => f.p50Ms));
  return {
    workload: 'explorer-first-page',
    filters: figures,
    worstP50Ms: worst,
    target: `p50Ms < ${AUDITOR_TARGETS.explorerP50Ms} for every filter`,
    met: worst < AUDITOR_TARGETS.explorerP50Ms,
  };
}

/** The state of the 10,000-event workflow at random versions and times, through the state route. */
export async function timeTravel(chronicle: Chronicle, streamId: string, calls: number) {
  const { GET } = (await import('../../app/api/v1/streams/[id]/state/route')) as { GET: Route };
  const { events } = await chronicle.store.readStream({
    actor,
    streamId,
    limit: 1000,
    fromVersion: 4000,
  });
  const times = events.map((e) => e.recordedAt);
  const params = { params: Promise.resolve({ id: streamId }) };
  const path = `/api/v1/streams/${encodeURIComponent(streamId)}/state`;
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  const byVersion = await latencies(calls, () =>
    GET(get(`${path}?version=${1 + Math.floor(Math.random() * 10_000)}`), params),
  );
  const byRecorded = await latencies(calls, () =>
    GET(get(`${path}?at=${pick(times)}&time=recorded`), params),
  );
  const byOccurred = await latencies(calls, () =>
    GET(get(`${path}?at=${pick(times)}&time=occurred`), params),
  );
  const worst = Math.max(byVersion.p50Ms, byRecorded.p50Ms, byOccurred.p50Ms);
  return {
    workload: 'time-travel',
    streamEvents: 10_000,
    byVersion,
    byRecordedTime: byRecorded,
    byOccurredTime: byOccurred,
    target: `p50Ms < ${AUDITOR_TARGETS.timeTravelP50Ms}`,
    met: worst < AUDITOR_TARGETS.timeTravelP50Ms,
  };
}

export async function verifyLongStream(chronicle: Chronicle, streamId: string, runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    const result = await chronicle.store.verifyStream({ actor, streamId });
    ms.push(performance.now() - began);
    if (!result.valid || result.checkedEvents !== 10_000) throw new Error('verify failed');
  }
  const ms50 = round(median(ms), 1);
  return {
    workload: 'verify-stream',
    streamEvents: 10_000,
    medianMs: ms50,
    target: `medianMs < ${AUDITOR_TARGETS.verifyMs}`,
    met: ms50 < AUDITOR_TARGETS.verifyMs,
  };
}

/** A digest of the whole store, then an evidence file of its last 100,000 events by time range. */
export async function exportEvidence(chronicle: Chronicle, exportEvents: number) {
  const began = performance.now();
  const digest = await chronicle.integrity.takeDigest({ actor });
  const digestMs = performance.now() - began;
  // The last `exportEvents` events, or all of a smaller store.
  const [row] = await chronicle.store.context.sql<{ recorded_at: Date }[]>`
    select recorded_at from (
      select recorded_at, global_position from events order by global_position desc limit ${exportEvents}
    ) last order by global_position limit 1`;
  const from = row!.recorded_at;
  const to = new Date(Date.now() + 60_000);
  const started = performance.now();
  let bytes = 0;
  let last = '';
  for await (const chunk of chronicle.integrity.evidence({ actor, selection: { from, to } })) {
    bytes += chunk.length;
    last = chunk;
  }
  const exported = (JSON.parse(last) as { events: number }).events;
  const seconds = (performance.now() - started) / 1000;
  const eventsPerSec = Math.round(exported / seconds);
  return {
    workload: 'evidence-export',
    digestStreams: digest.streams,
    digestEvents: digest.events,
    digestMs: round(digestMs, 1),
    exportedEvents: exported,
    megabytes: round(bytes / 1e6, 1),
    seconds: round(seconds, 3),
    eventsPerSec,
    target: `eventsPerSec >= ${AUDITOR_TARGETS.exportEventsPerSec}`,
    met: eventsPerSec >= AUDITOR_TARGETS.exportEventsPerSec,
  };
}
