import type { Database } from '@/db/client';
import { assertRole, type Actor } from './actor';
import { createAggregateCache } from './aggregates/cache';
import { aggregateForStream, knownAggregates } from './aggregates/known';
import { createRepository, type AppendToAggregate } from './aggregates/repository';
import { createEventStore } from './event-store';
import { registry } from './event-types';
import { writeAgentSummary } from './read-models/agent-summaries';
import { writeWorkflowSummary } from './read-models/workflow-summaries';
import { createAuditTrail } from './audit/audit-trail';
import { createResearch } from './research';
import { cleanupSnapshots } from './snapshots/snapshot-store';
import { snapshotStats } from './snapshots/stats';
import { stateAt, type StatePoint } from './temporal/state-at';

export type ChronicleOptions = {
  db: Database;
  snapshotEvery?: number;
  snapshotKeep?: number;
  cacheMaxBytes?: number;
  cacheTtlMs?: number;
  /** How far past the time of recording an occurredAt may lie (clocks disagree a little). */
  maxClockSkewMs?: number;
  onBackgroundError?: (error: unknown) => void;
};

/** Everything the app and the API use, built over one database. */
export function createChronicle({
  db,
  snapshotEvery = 100,
  snapshotKeep = 3,
  cacheMaxBytes = 64 * 1024 * 1024,
  cacheTtlMs = 5 * 60 * 1000,
  maxClockSkewMs,
  onBackgroundError = () => {},
}: ChronicleOptions) {
  const store = createEventStore({ db, registry, maxClockSkewMs });
  const cache = createAggregateCache({ maxBytes: cacheMaxBytes, ttlMs: cacheTtlMs });
  const repository = createRepository({
    store,
    cache,
    snapshotEvery,
    readModels: { workflow: writeWorkflowSummary, agent: writeAgentSummary },
    onBackgroundError,
  });
  const research = createResearch({ store, repository });
  const audit = createAuditTrail({ store });
  const sql = store.context.sql;
  return {
    store,
    repository,
    research,
    audit,
    /** Appends to any stream; a stream of an aggregate only takes what its history accepts. */
    append: (params: AppendToAggregate) => {
      const aggregate = aggregateForStream(params.streamId);
      return aggregate ? repository.append(aggregate, params) : store.append(params);
    },
    stateAt: (params: { actor: Actor; streamId: string; point: StatePoint }) =>
      stateAt({ store, repository }, params),
    snapshotStats: ({ actor }: { actor: Actor }) =>
      snapshotStats(sql, { actor, cache, kinds: knownAggregates }),
    cleanupSnapshots: async ({ actor }: { actor: Actor }) => {
      assertRole(actor, 'operator');
      return { removed: await cleanupSnapshots(sql, { keep: snapshotKeep }), kept: snapshotKeep };
    },
  };
}

export type Chronicle = ReturnType<typeof createChronicle>;
