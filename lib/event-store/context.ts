import type { Database } from '@/db/client';
import type { AppendNotifier } from './notifier';
import type { EventRegistry } from './registry';

/** What every store operation needs: the database, the event type registry, the notifier. */
export type StoreContext = {
  db: Database;
  registry: EventRegistry;
  notifier: AppendNotifier;
};
