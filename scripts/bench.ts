/**
 * `npm run bench`: Chronicle's append and read paths next to a raw baseline of the same table
 * shape, in a fresh database that is dropped at the end. Prints one JSON line describing the
 * environment, then one per workload with medians across rounds (progress goes to stderr).
 *
 * BENCH_SECONDS (default 5): timed seconds per run, after a 1 s warm-up.
 * BENCH_ROUNDS (default 3): runs of every workload on each target.
 */
import { checkpoint, createBenchDatabase, describeEnvironment, openServer } from './bench/database';
import { drive, median, round } from './bench/measure';
import { ours, raw, type Target } from './bench/targets';
import { workloads, type Figures, type Workload } from './bench/workloads';

const WARMUP_SECONDS = 1;

type Pair = Record<Target['name'], Figures>;

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
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
    await drive(workload.connections, WARMUP_SECONDS, op);
    return workload.figures(await drive(workload.connections, seconds, op));
  } finally {
    await session.close();
  }
}

async function benchmark(url: string, seconds: number, rounds: number) {
  const results = new Map<Workload, Pair[]>(workloads.map((w) => [w, []]));
  for (let r = 1; r <= rounds; r++) {
    // Alternating who goes first shares fairly whatever a run leaves behind (dirty pages,
    // autovacuum work, a warmer cache).
    const order = r % 2 === 1 ? [ours, raw] : [raw, ours];
    for (const workload of workloads) {
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
  }
  return results;
}

const roundFigure = (name: string, value: number) =>
  name === 'eventsPerSec' ? Math.round(value) : round(value, 3);

function medianFigures(pairs: Pair[], side: Target['name']): Figures {
  const names = Object.keys(pairs[0]?.[side] ?? {});
  return Object.fromEntries(
    names.map((n) => [n, roundFigure(n, median(pairs.map((p) => p[side][n] ?? Number.NaN)))]),
  );
}

/** The ratio is the median of each round's ours-versus-raw ratio: the pair ran back to back. */
function summarise(workload: Workload, pairs: Pair[]) {
  const { figure, higherIsBetter } = workload.ratio;
  const ratios = pairs.map((p) => {
    const [mine, theirs] = [p.ours[figure] ?? Number.NaN, p.raw[figure] ?? Number.NaN];
    return higherIsBetter ? mine / theirs : theirs / mine;
  });
  return {
    workload: workload.name,
    ...workload.notes,
    ...medianFigures(pairs, 'ours'),
    raw: medianFigures(pairs, 'raw'),
    ratio: round(median(ratios), 3),
    ratioOf: higherIsBetter ? `${figure} ours/raw` : `${figure} raw/ours`,
  };
}

async function main() {
  const seconds = positiveNumber('BENCH_SECONDS', 5);
  const rounds = Math.round(positiveNumber('BENCH_ROUNDS', 3));
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
      }),
    );
    for (const [workload, pairs] of await benchmark(database.url, seconds, rounds)) {
      console.log(JSON.stringify(summarise(workload, pairs)));
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
