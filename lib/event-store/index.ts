import type { Database } from '@/db/client';
import { appendToStream, findRetry } from './append';
import { asQueryable, type StoreContext } from './context';
import { countAll } from './count-all';
import { getEvent } from './get-event';
import { getStream } from './get-stream';
import { listStreams } from './list-streams';
import { AppendNotifier } from './notifier';
import { readAll, readAllBackward } from './read-all';
import { readCausation } from './read-causation';
import { readCorrelation } from './read-correlation';
import { readForFold, versionOccurredBy, versionRecordedAt } from './read-for-fold';
import { readStream } from './read-stream';
import { EventRegistry } from './registry';
import { storeStats } from './stats';
import { subscribe } from './subscribe';
import { transact, type Transaction } from './transact';
import { verifyStream } from './verify';
import { createSubjectKeys, type SubjectKeys } from '../personal/subject-keys';

const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

type Operation<P, R> = (ctx: StoreContext, params: P) => Promise<R>;
type Bound<O> = O extends Operation<infer P, infer R> ? (params: P) => Promise<R> : never;

const operations = {
  append: appendToStream,
  findRetry,
  readStream,
  readAll,
  readAllBackward,
  countAll,
  getEvent,
  readCorrelation,
  readCausation,
  readForFold,
  versionRecordedAt,
  versionOccurredBy,
  getStream,
  listStreams,
  subscribe,
  verifyStream,
  stats: storeStats,
};

export type EventStore = { [K in keyof typeof operations]: Bound<(typeof operations)[K]> } & {
  transact: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;
  context: StoreContext;
};

export function createEventStore({
  db,
  registry = new EventRegistry(),
  maxClockSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS,
  subjectKeys = createSubjectKeys({ pool: db.$client, master: null }),
}: {
  db: Database;
  registry?: EventRegistry;
  maxClockSkewMs?: number;
  /** Without it, events with personal data are refused (no master key to seal them). */
  subjectKeys?: SubjectKeys;
}): EventStore {
  const context: StoreContext = {
    db,
    sql: asQueryable(db.$client),
    inTransaction: false,
    registry,
    maxClockSkewMs,
    notifier: new AppendNotifier(db.$client),
    subjectKeys,
  };
  const bound = Object.fromEntries(
    Object.entries(operations).map(([name, op]) => [
      name,
      (params: never) => (op as Operation<never, unknown>)(context, params),
    ]),
  ) as Omit<EventStore, 'context'>;
  return { ...bound, transact: (work) => transact(context, work), context };
}

export { EventRegistry } from './registry';
export type * from './types';
export type { Transaction } from './transact';
