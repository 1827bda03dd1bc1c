import type postgres from 'postgres';
import type { Database } from '@/db/client';
import type { SubjectKeys } from '../personal/subject-keys';
import type { AppendNotifier } from './notifier';
import type { EventRegistry } from './registry';

/**
 * Runs queries: an open transaction, or the pool (see `asQueryable`). The store never calls
 * `savepoint` or `prepare`, the only things a transaction can do that the pool cannot.
 */
export type Queryable = postgres.TransactionSql;

export const asQueryable = (pool: postgres.Sql): Queryable => pool as unknown as Queryable;

/** What every store operation needs: where to run SQL, the event type registry, the notifier. */
export type StoreContext = {
  db: Database;
  /** The pool, or the open transaction of `store.transact`. */
  sql: Queryable;
  inTransaction: boolean;
  registry: EventRegistry;
  /** How far past the time of recording an event's occurredAt may lie. */
  maxClockSkewMs: number;
  notifier: AppendNotifier;
  /** The data subjects' keys, which seal personal fields on append and open them on reads. */
  subjectKeys: SubjectKeys;
};
