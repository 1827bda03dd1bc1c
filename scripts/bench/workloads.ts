import { randomInt } from 'node:crypto';
import { percentile, type Operation, type Run } from './measure';
import { benchEvents } from './payload';
import type { Session } from './targets';

export type Figures = Record<string, number>;

export type Workload = {
  name: string;
  /** Connections in the pool; also the number of concurrent loops. */
  connections: number;
  /** Constant fields printed with the figures (how the workload ran). */
  notes: Record<string, string | number>;
  /** Seeds what the operation needs (untimed) and returns it; `prefix` makes stream ids fresh. */
  prepare(session: Session, prefix: string): Promise<Operation>;
  figures(run: Run): Figures;
  /** The figure the ratio compares, and whether more of it is better. */
  ratio: { figure: string; higherIsBetter: boolean };
  /** Also run with an audit event per append, to measure what auditing costs. */
  audited?: boolean;
};

const READ_PAGE = 1000;
const SEED_BATCH = 1000;
const VISIBLE_WITHIN_MS = 30_000;

export const latencyFigures = (run: Run): Figures => ({
  p50Ms: percentile(run.latenciesMs, 50),
  p99Ms: percentile(run.latenciesMs, 99),
});

function appendWorkload(options: {
  name: string;
  connections: number;
  streams: number;
  batch: number;
  expected: 'exact' | 'any';
  audited?: boolean;
}): Workload {
  const { streams, batch, expected } = options;
  return {
    name: options.name,
    connections: options.connections,
    audited: options.audited,
    notes: { expectedVersion: expected, streams },
    async prepare(session, prefix) {
      // The writer tracks each stream's version, as a command handler that just loaded it would.
      const versions = new Array<number>(streams).fill(0);
      return async () => {
        const i = randomInt(streams);
        const version = await session.append(
          `${prefix}-${i}`,
          expected === 'any' ? 'any' : (versions[i] ?? 0),
          benchEvents(batch),
        );
        versions[i] = version;
        return batch;
      };
    },
    figures: (run) => ({ eventsPerSec: run.events / run.seconds, ...latencyFigures(run) }),
    ratio: { figure: 'eventsPerSec', higherIsBetter: true },
  };
}

/** Writes `streams` streams of 1,000 events each under `prefix`. */
async function seed(session: Session, prefix: string, streams: number): Promise<void> {
  for (let i = 0; i < streams; i++) {
    await session.append(`${prefix}-${i}`, 0, benchEvents(SEED_BATCH));
  }
}

function expectCount(what: string, count: number, expected: number): number {
  if (count !== expected) throw new Error(`${what}: read ${count} events, expected ${expected}`);
  return count;
}

/**
 * Retries `op` until it succeeds: ours only returns positions below the oldest transaction
 * running anywhere on the server, so a long transaction elsewhere (another database's tests)
 * can hide freshly seeded events for a while.
 */
async function whenVisible(op: Operation): Promise<Operation> {
  const giveUpAt = Date.now() + VISIBLE_WITHIN_MS;
  for (;;) {
    try {
      await op();
      return op;
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const readStream1000: Workload = {
  name: 'read-stream-1000',
  connections: 1,
  notes: {},
  async prepare(session, prefix) {
    await seed(session, prefix, 1);
    const streamId = `${prefix}-0`;
    return async () =>
      expectCount(streamId, await session.readStream(streamId, READ_PAGE), READ_PAGE);
  },
  figures: latencyFigures,
  ratio: { figure: 'p50Ms', higherIsBetter: false },
};

const readAll10000: Workload = {
  name: 'read-all-10000',
  connections: 1,
  notes: { pages: '10 x 1000' },
  async prepare(session, prefix) {
    const after = await session.headPosition();
    await seed(session, prefix, 10);
    return whenVisible(async () => {
      let position = after;
      let count = 0;
      for (let page = 0; page < 10; page++) {
        const read = await session.readAllPage(position, READ_PAGE);
        count += read.count;
        position = read.lastPosition;
      }
      return expectCount('$all', count, 10 * READ_PAGE);
    });
  },
  figures: latencyFigures,
  ratio: { figure: 'p50Ms', higherIsBetter: false },
};

export const workloads: Workload[] = [
  appendWorkload({
    name: 'append-single',
    connections: 1,
    streams: 100,
    batch: 1,
    expected: 'exact',
    audited: true,
  }),
  appendWorkload({
    name: 'append-batch-100',
    connections: 1,
    streams: 1,
    batch: 100,
    expected: 'exact',
  }),
  appendWorkload({
    name: 'append-16-writers',
    connections: 16,
    streams: 100,
    batch: 1,
    expected: 'any',
    audited: true,
  }),
  // Contention on few streams: "any" appends wait their turn on the stream (no retries).
  appendWorkload({
    name: 'append-32-writers-4-hot-streams',
    connections: 32,
    streams: 4,
    batch: 1,
    expected: 'any',
  }),
  readStream1000,
  readAll10000,
];
