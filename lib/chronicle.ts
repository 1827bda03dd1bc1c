import { randomBytes } from 'node:crypto';
import type { Database } from '@/db/client';
import { assertRole, type Actor } from './actor';
import { createAggregateCache } from './aggregates/cache';
import { aggregateForStream, knownAggregates } from './aggregates/known';
import { createRepository, type AppendToAggregate } from './aggregates/repository';
import { createEventStore } from './event-store';
import { registry } from './event-types';
import { projectionCatalog } from './projections/catalog';
import { inlineWriters } from './projections/inline';
import type { Projection } from './projections/projection';
import { createProjections } from './projections/projections';
import { createReplays } from './projections/replays';
import { createAuditTrail } from './audit/audit-trail';
import { createAccounts, type SignInLimits } from './auth/accounts';
import { createBetterAuth } from './auth/better-auth';
import { createTokens } from './auth/tokens';
import { createIntegrity } from './integrity/integrity';
import type { SigningKey } from './integrity/signing-key';
import { createResearch } from './research';
import { createRetention } from './retention/retention';
import { cleanupSnapshots } from './snapshots/snapshot-store';
import { snapshotStats } from './snapshots/stats';
import { snapshotsByDay, streamSnapshots } from './snapshots/stream-snapshots';
import { takeSnapshot } from './snapshots/take-snapshot';
import { logHealth } from './log-health';
import { eraseSubject } from './personal/erase-subject';
import { noMasterKey, type MasterKey } from './personal/master-key';
import { createSubjectKeys } from './personal/subject-keys';
import { listSubjects, type SubjectSort } from './personal/subjects';
import { stateAt, type StatePoint } from './temporal/state-at';

export type ChronicleOptions = {
  db: Database;
  snapshotEvery?: number;
  snapshotKeep?: number;
  cacheMaxBytes?: number;
  cacheTtlMs?: number;
  /** How far past the time of recording an occurredAt may lie (clocks disagree a little). */
  maxClockSkewMs?: number;
  /** Signs session cookies; a fresh one when absent (sessions then end with the process). */
  authSecret?: string;
  secureCookies?: boolean;
  sessionSeconds?: number;
  signInLimits?: SignInLimits;
  onBackgroundError?: (error: unknown) => void;
  /** The read models kept from the log (tests add their own). */
  projections?: readonly Projection[];
  /** Signs digests and evidence files; without one, neither can be made. */
  signingKey?: SigningKey | null;
  /** Past this age the oldest open transaction is a warning on the dashboard. */
  horizonWarnSeconds?: number;
  /** Wraps the data subjects' keys; without one, events with personal data are refused. */
  masterKey?: MasterKey | null;
};

/** Everything the app and the API use, built over one database. */
export function createChronicle({
  db,
  snapshotEvery = 100,
  snapshotKeep = 3,
  cacheMaxBytes = 64 * 1024 * 1024,
  cacheTtlMs = 5 * 60 * 1000,
  maxClockSkewMs,
  authSecret = randomBytes(32).toString('base64url'),
  secureCookies = false,
  sessionSeconds = 8 * 60 * 60,
  signInLimits = {
    perAddress: { max: 10, windowMs: 60_000 },
    perAccount: { max: 10, windowMs: 60_000 },
  },
  onBackgroundError = () => {},
  projections = projectionCatalog,
  signingKey = null,
  horizonWarnSeconds = 30,
  masterKey = null,
}: ChronicleOptions) {
  const subjectKeys = createSubjectKeys({ pool: db.$client, master: masterKey });
  const store = createEventStore({ db, registry, maxClockSkewMs, subjectKeys });
  const cache = createAggregateCache({ maxBytes: cacheMaxBytes, ttlMs: cacheTtlMs });
  // Another process erased a subject: a cached state may hold the erased values.
  subjectKeys.onErased(() => cache.clear());
  const repository = createRepository({
    store,
    cache,
    snapshotEvery,
    readModels: inlineWriters(projections),
    onBackgroundError,
  });
  const research = createResearch({ store, repository });
  const audit = createAuditTrail({ store });
  const auth = createBetterAuth({ db, secret: authSecret, secureCookies, sessionSeconds });
  const sql = store.context.sql;
  const accounts = createAccounts({ auth, sql, limits: signInLimits });
  const tokens = createTokens(sql);
  return {
    store,
    repository,
    projections: createProjections(store.context, projections),
    replays: createReplays(db.$client, projections),
    /** The projection definitions, for the worker. */
    projectionCatalog: projections,
    research,
    audit,
    integrity: createIntegrity({ ctx: store.context, key: signingKey }),
    retention: createRetention({ store, repository }),
    accounts,
    tokens,
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
    takeSnapshot: (params: { actor: Actor; streamId: string }) =>
      takeSnapshot({ store, repository }, params),
    streamSnapshots: (params: { actor: Actor; streamId: string }) => streamSnapshots(sql, params),
    snapshotsByDay: (params: { actor: Actor; days?: number }) => snapshotsByDay(sql, params),
    eraseSubject: (params: { actor: Actor; subjectId: string }) =>
      eraseSubject({ ctx: store.context, repository, cache, projections }, params),
    listSubjects: async ({
      email,
      ...params
    }: {
      actor: Actor;
      /** Lists only the subject this address names, found by its keyed pseudonym. */
      email?: string;
      sort?: SubjectSort;
      direction?: 'asc' | 'desc';
      limit?: number;
      offset?: number;
    }) => {
      if (email === undefined) return listSubjects(sql, params);
      if (!masterKey) throw noMasterKey();
      return listSubjects(sql, { ...params, subjectId: masterKey.pseudonym('email', email) });
    },
    logHealth: ({ actor }: { actor: Actor }) =>
      logHealth(sql, { actor, warnSeconds: horizonWarnSeconds }),
  };
}

export type Chronicle = ReturnType<typeof createChronicle>;
