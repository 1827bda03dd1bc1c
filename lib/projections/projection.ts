import type { Queryable } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import type { FailurePolicy, ProjectionKind } from './views';

/** The physical table each of a projection's tables is written to: the live one, or a shadow. */
export type Tables = Readonly<Record<string, string>>;

/** What an inline projection is told of an aggregate's append, beside its events. */
export type InlineChange = {
  streamId: string;
  fromVersion: number;
  version: number;
  state: unknown;
};

/**
 * A named, versioned set of handlers from events to changes in its own tables.
 * - `apply` takes a batch of events in `$all` order (already upcast) and must be set-based: a
 *   rebuild feeds it thousands at a time. It runs in the transaction that moves the checkpoint.
 * - An inline projection is also told of each append to its categories, in the append's
 *   transaction (`applyInline`), with the aggregate's state, which spares it a read.
 */
export type Projection = {
  name: string;
  version: number;
  kind: ProjectionKind;
  description: string;
  /** The stream categories it reads; every event when absent. */
  categories?: readonly string[];
  /** Its live tables, which a full rebuild re-creates as shadows and swaps in. */
  tables: readonly string[];
  policy: FailurePolicy;
  /** Attempts at a failing batch (with backoff) before the failing event is isolated. */
  maxAttempts: number;
  apply: (sql: Queryable, events: readonly RecordedEvent[], tables: Tables) => Promise<void>;
  applyInline?: (sql: Queryable, change: InlineChange, tables: Tables) => Promise<void>;
  /** A projection with one row per stream: where a stream's row is, to delete it with the stream. */
  rowPerStream?: { table: string; key: string; idOf: (streamId: string) => string };
};

export const liveTables = (projection: Projection): Tables =>
  Object.fromEntries(projection.tables.map((table) => [table, table]));

export const shadowName = (table: string) => `${table}__rebuild`;

export const shadowTables = (projection: Projection): Tables =>
  Object.fromEntries(projection.tables.map((table) => [table, shadowName(table)]));
