/**
 * `npm run bench`: Chronicle's append and read paths next to a raw baseline of the same table
 * shape, then its aggregate paths (rebuild, snapshot, command) against the targets, in
 * a fresh database that is dropped at the end. Prints one JSON line describing the
 * environment, then one per workload with medians across rounds (progress goes to stderr).
 *
 * BENCH_SECONDS (default 5): timed seconds per run, after a 1 s warm-up.
 * BENCH_ROUNDS (default 3): runs of every workload on each target.
 * BENCH_SUITES (default all): a comma list of store, aggregates, projections, auditor, lifecycle,
 *   import, http (the http suite runs the built app: `npm run build` first).
 * BENCH_HTTP_PROCESSES (default 2): app processes of the http suite's last run (1: skip it).
 * BENCH_AUDIT_EVENTS, BENCH_AUDIT_STREAMS (default 1,000,000 and 50,000): the auditor suite's store.
 * BENCH_LIFECYCLE_EVENTS (default 200,000): the store the lifecycle suite backs up and restores.
 */
import { checkpoint, createBenchDatabase, describeEnvironment, openServer } from './bench/database';
import { aggregateWorkloads, openChronicle, type AggregateWorkload } from './bench/aggregates';
import { drive, median, pairedRatios, round, type Operation, type Run } from './bench/measure';
import { audited, ours, raw, type Target } from './bench/targets';
import { latencyFigures, workloads, type Figures, type Workload } from './bench/workloads';
import {
  openProjectionChronicle,
  projectionLag,
  PROJECTION_TARGETS,
  rebuildWorkflowSummary,
  seedWorkflowEvents,
} from './bench/projections';
import {
  explorerFirstPages,
  exportEvidence,
  seedAuditorStore,
  timeTravel,
  pointRuntimeAt,
  verifyLongStream,
} from './bench/auditor';
import { benchmarkLifecycle } from './bench/lifecycle';
import { benchmarkImport } from './bench/import';
import { benchmarkHttp } from './bench/http';
import { connect } from '../db/client';
import { createChronicle } from '../lib/chronicle';
import { generateSigningKeyPem, loadSigningKey } from '../lib/integrity/signing-key';

const WARMUP_SECONDS = 1;

type Pair = Record<'ours' | 'raw', Figures> & { audited?: Figures };

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

async function timed(connections: number, seconds: number, op: Operation): Promise<Run> {
  await drive(connections, WARMUP_SECONDS, op);
  return drive(connections, seconds, op);
}

async function runOnce(
  workload: Workload,
  target: Target,
  url: string,
  prefix: string,
  seconds: number,
): Promise<Figures> {
  const session = target.open(url, workload.connections);
  try {
    const op = await workload.prepare(session, prefix);
    const figures = workload.figures(await timed(workload.connections, seconds, op));
    return { ...figures, ...(await session.afterRun?.()) };
  } finally {
    await session.close();
  }
}

async function runAggregateOnce(
  workload: AggregateWorkload,
  url: string,
  seconds: number,
): Promise<Figures> {
  const { chronicle, close } = openChronicle(url, workload);
  try {
    const { op, figures } = await workload.prepare(chronicle);
    const run = await timed(1, seconds, op);
    return { ...latencyFigures(run), ...figures };
  } finally {
    await close();
  }
}

const SUITES = [
  'store',
  'aggregates',
  'projections',
  'auditor',
  'lifecycle',
  'import',
  'http',
] as const;

function suites(): Set<string> {
  const text = process.env.BENCH_SUITES;
  if (!text) return new Set(SUITES);
  const chosen = text.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !(SUITES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_SUITES: unknown ${unknown.join(', ')}`);
  return new Set(chosen);
}

async function benchmark(url: string, seconds: number, rounds: number, chosen: Set<string>) {
  const results = new Map<Workload, Pair[]>(
    (chosen.has('store') ? workloads : []).map((w) => [w, []]),
  );
  const aggregateResults = new Map<AggregateWorkload, Figures[]>(
    (chosen.has('aggregates') ? aggregateWorkloads : []).map((w) => [w, []]),
  );
  for (let r = 1; r <= rounds; r++) {
    // Alternating who goes first shares fairly whatever a run leaves behind (dirty pages,
    // autovacuum work, a warmer cache).
    for (const workload of results.keys()) {
      const targets = workload.audited ? [ours, raw, audited] : [ours, raw];
      const order = r % 2 === 1 ? targets : [...targets].reverse();
      const pair: Partial<Pair> = {};
      for (const target of order) {
        process.stderr.write(`round ${r}/${rounds} ${workload.name} ${target.name}\n`);
        await checkpoint(url);
        // Every run gets streams of its own, so no run appends to or reads another's.
        const prefix = `bench-r${r}${target.name}-${workload.name}`;
        pair[target.name] = await runOnce(workload, target, url, prefix, seconds);
      }
      results.get(workload)?.push(pair as Pair);
    }
    for (const workload of aggregateResults.keys()) {
      process.stderr.write(
        `round ${r}/${rounds} ${workload.name} ${JSON.stringify(workload.notes)}\n`,
      );
      await checkpoint(url);
      aggregateResults.get(workload)?.push(await runAggregateOnce(workload, url, seconds));
    }
  }
  return { results, aggregateResults };
}

const roundFigure = (name: string, value: number) =>
  name.endsWith('PerSec') ? Math.round(value) : round(value, 3);

const figureOf = (runs: Figures[], name: string) => runs.map((f) => f[name] ?? Number.NaN);

function medianFigures(runs: Figures[]): Figures {
  const names = Object.keys(runs[0] ?? {});
  return Object.fromEntries(names.map((n) => [n, roundFigure(n, median(figureOf(runs, n)))]));
}

/** The ratio is the median of each round's ours-versus-raw ratio: the pair ran back to back. */
function summarise(workload: Workload, pairs: Pair[]) {
  const { figure, higherIsBetter } = workload.ratio;
  const [ours, raw] = [pairs.map((p) => p.ours), pairs.map((p) => p.raw)];
  const [mine, theirs] = [figureOf(ours, figure), figureOf(raw, figure)];
  const ratios = higherIsBetter ? pairedRatios(mine, theirs) : pairedRatios(theirs, mine);
  return {
    workload: workload.name,
    ...workload.notes,
    ...medianFigures(ours),
    raw: medianFigures(raw),
    ratio: round(median(ratios), 3),
    ratioOf: higherIsBetter ? `${figure} ours/raw` : `${figure} raw/ours`,
    ...(workload.audited ? auditCost(pairs, ours) : {}),
  };
}

/**
 * Each append carrying its audit event, against the same appends without (1 costs nothing),
 * and how fast the outbox then drains into the $audit streams (background work).
 */
function auditCost(pairs: Pair[], ours: Figures[]) {
  const audited = pairs.map((p) => p.audited ?? {});
  const ratios = pairedRatios(figureOf(audited, 'eventsPerSec'), figureOf(ours, 'eventsPerSec'));
  return {
    audited: medianFigures(audited),
    auditedRatio: round(median(ratios), 3),
    auditedRatioOf: 'eventsPerSec audited/ours',
  };
}

/** Held to the target on the median p50, where it sets one: no raw baseline here. */
function summariseAggregate(workload: AggregateWorkload, runs: Figures[]) {
  const figures = medianFigures(runs);
  const target = workload.targetP50Ms;
  const p50Ms = figures.p50Ms ?? Number.NaN;
  return {
    workload: workload.name,
    ...workload.notes,
    ...figures,
    ...(target === undefined ? {} : { target: `p50Ms < ${target}`, met: p50Ms < target }),
  };
}

/** A full rebuild of workflow-summary, and the lag of an async projection under load. */
async function benchmarkProjections(url: string, seconds: number, rounds: number) {
  const { chronicle, close } = openProjectionChronicle(url);
  try {
    process.stderr.write('projections: seeding workflow events\n');
    const seeded = await seedWorkflowEvents(chronicle);
    const rebuilds: Figures[] = [];
    const lags: Figures[] = [];
    for (let r = 1; r <= rounds; r++) {
      process.stderr.write(`round ${r}/${rounds} projection-rebuild\n`);
      await checkpoint(url);
      rebuilds.push(await rebuildWorkflowSummary(chronicle));
      process.stderr.write(`round ${r}/${rounds} projection-lag\n`);
      await checkpoint(url);
      lags.push(await projectionLag(chronicle, seconds));
    }
    const rebuild = medianFigures(rebuilds);
    const lag = medianFigures(lags);
    return [
      {
        workload: 'projection-rebuild',
        projection: 'workflow-summary',
        seededEvents: seeded,
        ...rebuild,
        target: `eventsPerSec >= ${PROJECTION_TARGETS.rebuildEventsPerSec}`,
        met: (rebuild.eventsPerSec ?? 0) >= PROJECTION_TARGETS.rebuildEventsPerSec,
      },
      {
        workload: 'projection-lag',
        projection: 'event-stats',
        ...lag,
        target: `lagP99Seconds < ${PROJECTION_TARGETS.lagP99Seconds}`,
        met: (lag.lagP99Seconds ?? Infinity) < PROJECTION_TARGETS.lagP99Seconds,
      },
    ];
  } finally {
    await close();
  }
}

/**
 * The auditor's paths on a store of a million events: the explorer's first page with each
 * filter and time travel through their route handlers, a chain check, an evidence export.
 */
async function benchmarkAuditor(url: string) {
  const events = Math.round(positiveNumber('BENCH_AUDIT_EVENTS', 1_000_000));
  const streams = Math.round(positiveNumber('BENCH_AUDIT_STREAMS', 50_000));
  const db = connect({ url, max: 10, applicationName: 'chronicle-bench' });
  const chronicle = createChronicle({ db, signingKey: loadSigningKey(generateSigningKeyPem()) });
  try {
    process.stderr.write(`auditor: seeding ${events} events in ${streams} streams\n`);
    const seeded = await seedAuditorStore(chronicle, { events, streams });
    await checkpoint(url);
    pointRuntimeAt(url);
    return [
      { workload: 'auditor-store', ...seeded },
      await explorerFirstPages(db.$client, 50),
      await timeTravel(chronicle, seeded.workflow, 50),
      await verifyLongStream(chronicle, seeded.workflow, 9),
      await exportEvidence(chronicle, 100_000),
    ];
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

async function main() {
  const seconds = positiveNumber('BENCH_SECONDS', 5);
  const rounds = Math.round(positiveNumber('BENCH_ROUNDS', 3));
  const chosen = suites();
  const server = await openServer();
  const database = await createBenchDatabase(server).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= database.drop().finally(() => server.stop()));
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const environment = await describeEnvironment(database.url, server);
    console.log(
      JSON.stringify({
        environment,
        benchSeconds: seconds,
        warmupSeconds: WARMUP_SECONDS,
        rounds,
        ratio: 'median over rounds of the paired ratio in ratioOf; > 1 means ours is better',
        target:
          "met when the median over rounds of p50Ms is below the issue's target (no raw here)",
      }),
    );
    const { results, aggregateResults } = await benchmark(database.url, seconds, rounds, chosen);
    for (const [workload, pairs] of results) {
      console.log(JSON.stringify(summarise(workload, pairs)));
    }
    for (const [workload, runs] of aggregateResults) {
      console.log(JSON.stringify(summariseAggregate(workload, runs)));
    }
    const projectionLines = chosen.has('projections')
      ? await benchmarkProjections(database.url, seconds, rounds)
      : [];
    for (const line of projectionLines) console.log(JSON.stringify(line));
    const auditorLines = chosen.has('auditor') ? await benchmarkAuditor(database.url) : [];
    for (const line of auditorLines) console.log(JSON.stringify(line));
    const lifecycleLines = chosen.has('lifecycle')
      ? await benchmarkLifecycle(
          server,
          Math.round(positiveNumber('BENCH_LIFECYCLE_EVENTS', 200_000)),
        )
      : [];
    for (const line of lifecycleLines) console.log(JSON.stringify(line));
    const importLines = chosen.has('import')
      ? await benchmarkImport(server.adminUrl, database.url, rounds)
      : [];
    for (const line of importLines) console.log(JSON.stringify(line));
    const httpLines = chosen.has('http')
      ? await benchmarkHttp(
          database.url,
          seconds,
          rounds,
          Math.round(positiveNumber('BENCH_HTTP_PROCESSES', 2)),
        )
      : [];
    for (const line of httpLines) console.log(JSON.stringify(line));
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
