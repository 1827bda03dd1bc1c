import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  doublePrecision,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const streams = pgTable(
  'streams',
  {
    streamId: text('stream_id').primaryKey(),
    category: text('category').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    /**
     * The stream's head, kept by every append in the write that bumps the version: the hash
     * and position of its last event, and the hash before it (that event's prevHash). A
     * single-event append reads and moves it in one statement. Null only for a stream whose
     * events retention removed (the hash is then the truncation anchor's).
     */
    headHash: text('head_hash'),
    headPrev: text('head_prev'),
    headPosition: bigint('head_position', { mode: 'number' }),
  },
  (t) => [
    index('streams_category_stream_id_idx').on(t.category, t.streamId),
    index('streams_stream_id_pattern_idx').using('btree', t.streamId.op('text_pattern_ops')),
    index('streams_updated_at_idx').on(t.updatedAt, t.streamId),
  ],
);

export const events = pgTable(
  'events',
  {
    globalPosition: bigint('global_position', { mode: 'number' }).primaryKey(),
    streamId: text('stream_id').notNull(),
    category: text('category').notNull(),
    streamVersion: bigint('stream_version', { mode: 'number' }).notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    recordedAt: timestamptz('recorded_at').notNull(),
    transactionId: xid8('transaction_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('events_stream_id_version_idx').on(t.streamId, t.streamVersion),
    uniqueIndex('events_event_id_idx').on(t.eventId),
    index('events_type_position_idx').on(t.eventType, t.globalPosition),
    index('events_category_position_idx').on(t.category, t.globalPosition),
    index('events_correlation_position_idx').on(
      sql`(${t.metadata} ->> 'correlationId')`,
      t.globalPosition,
    ),
    // With the position, a time window's positions come from the index alone (index-only scan).
    index('events_recorded_at_idx').on(t.recordedAt, t.globalPosition),
    // The explorer's filters: each one is served by an index, keyset-paged by position.
    index('events_stream_position_idx').on(t.streamId, t.globalPosition),
    index('events_actor_position_idx').on(sql`(${t.metadata} ->> 'actor')`, t.globalPosition),
    index('events_causation_idx').on(sql`(${t.metadata} ->> 'causationId')`),
    index('events_occurred_at_idx').on(t.occurredAt, t.globalPosition),
  ],
);

export const snapshots = pgTable(
  'snapshots',
  {
    streamId: text('stream_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateSchemaVersion: integer('aggregate_schema_version').notNull(),
    codec: text('codec').notNull(),
    state: bytea('state').notNull(),
    rawBytes: integer('raw_bytes').notNull(),
    compressedBytes: integer('compressed_bytes').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    creationMs: doublePrecision('creation_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.version] })],
);

/**
 * Read models are projections (lib/projections): each owns its tables, which a full rebuild
 * re-creates beside them (`create table … (like … including all)`) and swaps in, so they have
 * no serial columns and no foreign keys.
 */

/** Projection `workflow-summary` (inline): one row per workflow stream. */
export const workflowSummaries = pgTable(
  'workflow_summaries',
  {
    workflowId: uuid('workflow_id').primaryKey(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    stepsTotal: integer('steps_total').notNull(),
    stepsCompleted: integer('steps_completed').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('workflow_summaries_updated_idx').on(t.updatedAt, t.workflowId),
    index('workflow_summaries_status_updated_idx').on(t.status, t.updatedAt, t.workflowId),
  ],
);

/** Projection `agent-summary` (inline): one row per agent stream, with its task totals. */
export const agentSummaries = pgTable('agent_summaries', {
  agentId: text('agent_id').primaryKey(),
  name: text('name').notNull(),
  model: text('model').notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  tasks: integer('tasks').notNull(),
  completed: integer('completed').notNull(),
  failed: integer('failed').notNull(),
  tokensIn: bigint('tokens_in', { mode: 'number' }).notNull(),
  tokensOut: bigint('tokens_out', { mode: 'number' }).notNull(),
  costUsd: doublePrecision('cost_usd').notNull(),
  /** The agent's state at `version`, which a rebuild folds the next events onto. */
  state: jsonb('state').$type<Record<string, unknown>>(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/** Projection `agent-activity` (async): an agent's tasks, tokens and cost per day (UTC). */
export const agentActivityDaily = pgTable(
  'agent_activity_daily',
  {
    agentId: text('agent_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    tasks: integer('tasks').notNull(),
    completed: integer('completed').notNull(),
    failed: integer('failed').notNull(),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull(),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull(),
    /** Exact: a sum of floats would depend on the order the events were added in. */
    costUsd: numeric('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.day] })],
);

/** Projection `event-stats` (async): events recorded per hour, category and type. */
export const eventStatsHourly = pgTable(
  'event_stats_hourly',
  {
    hour: timestamptz('hour').notNull(),
    category: text('category').notNull(),
    eventType: text('event_type').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.category, t.eventType] })],
);

/** Each projection's checkpoint and state; an async one's position moves with its read model. */
export const projections = pgTable('projections', {
  name: text('name').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull().default(0),
  status: text('status').notNull().default('running'),
  lastError: text('last_error'),
  rebuiltAt: timestamptz('rebuilt_at'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Events a projection could not apply, and the events of their streams parked behind them. */
export const projectionFailures = pgTable(
  'projection_failures',
  {
    id: uuid('id').primaryKey(),
    projection: text('projection').notNull(),
    globalPosition: bigint('global_position', { mode: 'number' }).notNull(),
    streamId: text('stream_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projection_failures_position_idx').on(t.projection, t.globalPosition),
    index('projection_failures_stream_idx').on(t.projection, t.streamId, t.globalPosition),
  ],
);

/** Replays of projections, run as jobs on the queue; progress is kept here and NOTIFYed. */
export const replays = pgTable(
  'replays',
  {
    id: uuid('id').primaryKey(),
    projection: text('projection').notNull(),
    mode: text('mode').notNull(),
    status: text('status').notNull(),
    processed: bigint('processed', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    eventsPerSecond: doublePrecision('events_per_second').notNull().default(0),
    etaSeconds: doublePrecision('eta_seconds'),
    /** Where the shadow tables of a full rebuild have got to. */
    position: bigint('position', { mode: 'number' }),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    error: text('error'),
    launchedBy: text('launched_by').notNull(),
    /** The queue's worker running it, and the advisory lock its process holds while alive. */
    workerId: text('worker_id'),
    workerLock: bigint('worker_lock', { mode: 'number' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('replays_created_idx').on(t.createdAt, t.id),
    uniqueIndex('replays_one_active_idx')
      .on(t.projection)
      .where(sql`status in ('queued', 'running')`),
  ],
);

export * from './auth-schema';

/** REST API tokens: a role each; only the SHA-256 of the secret is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at'),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_secret_hash_idx').on(t.secretHash)],
);

/**
 * Audit events written in the transaction of the act they record, moved into the hash-chained
 * `$audit-YYYY-MM-DD` streams in batches by SQL alone (lib/audit): writers never queue on one
 * stream's lock.
 */
// No index: concurrent writers would all insert into its rightmost page. The mover reads the
// whole table, which it keeps small.
export const auditOutbox = pgTable('audit_outbox', {
  id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  streamId: text('stream_id').notNull(),
  /** The event as chronicle_append takes it, already prepared (canonical text, content hash). */
  event: jsonb('event').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/** Fixed-window counters of rate limits that must hold across processes (sign-in attempts). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamptz('window_start').notNull(),
  hits: integer('hits').notNull(),
});

/** Values the server makes once and keeps, such as the session-signing secret when none is set. */
export const settings = pgTable('settings', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Signed digests of the whole store: the Merkle root over the heads of every stream's hash chain
 * as of an `$all` position (docs/integrity.md).
 */
export const digests = pgTable(
  'digests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Every event at or below this position, and none above it, is covered. */
    position: bigint('position', { mode: 'number' }).notNull(),
    streams: integer('streams').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    root: text('root').notNull(),
    signature: text('signature').notNull(),
    publicKey: text('public_key').notNull(),
    keyId: text('key_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('digests_created_idx').on(t.createdAt, t.id)],
);

/** Hash-chain checks of one stream or of every stream, with who asked and what was found. */
export const verificationRuns = pgTable(
  'verification_runs',
  {
    id: uuid('id').primaryKey(),
    /** `stream`: one stream, checked at once; `all`: every stream, as a background job. */
    scope: text('scope').notNull(),
    streamId: text('stream_id'),
    status: text('status').notNull(),
    checkedStreams: integer('checked_streams').notNull().default(0),
    totalStreams: integer('total_streams').notNull().default(0),
    checkedEvents: bigint('checked_events', { mode: 'number' }).notNull().default(0),
    /** `[{streamId, firstInvalidVersion}]`, in stream id order. */
    invalid: jsonb('invalid').$type<{ streamId: string; firstInvalidVersion: number }[]>()
      .notNull()
      .default([]),
    /** The last stream id checked, where a job taken over by another worker resumes. */
    cursor: text('cursor'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('verification_runs_created_idx').on(t.createdAt, t.id),
    index('verification_runs_stream_idx').on(t.streamId, t.createdAt),
    uniqueIndex('verification_runs_one_active_idx')
      .on(t.scope)
      .where(sql`scope = 'all' and status in ('queued', 'running')`),
  ],
);

/**
 * A data subject's key: the personal fields of their events are stored encrypted under it
 * (AES-256-GCM), and it is kept wrapped by the master key (`CHRONICLE_MASTER_KEY`). Erasure
 * deletes the wrapped key and keeps the row, so the subject is still listed as erased.
 */
export const subjectKeys = pgTable('subject_keys', {
  subjectId: text('subject_id').primaryKey(),
  wrappedKey: bytea('wrapped_key'),
  /** Which master key wrapped it: a fingerprint, never the key. */
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  erasedAt: timestamptz('erased_at'),
  erasedBy: text('erased_by'),
});

/** Which streams hold a subject's personal data, for the Subjects page and for erasure. */
export const subjectStreams = pgTable(
  'subject_streams',
  {
    subjectId: text('subject_id').notNull(),
    streamId: text('stream_id').notNull(),
    events: integer('events').notNull(),
    lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectId, t.streamId] }),
    index('subject_streams_stream_idx').on(t.streamId),
  ],
);

/** A category's retention rule: events past it vanish from reads, then the scavenger removes them. */
export const retentionPolicies = pgTable('retention_policies', {
  category: text('category').primaryKey(),
  /** By recorded time. */
  maxAgeDays: integer('max_age_days'),
  /** Each stream keeps its newest `maxCount` events. */
  maxCount: integer('max_count'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** A legal hold: retention leaves the stream alone while it stands. */
export const streamHolds = pgTable('stream_holds', {
  streamId: text('stream_id').primaryKey(),
  placedBy: text('placed_by').notNull(),
  placedAt: timestamptz('placed_at').notNull().defaultNow(),
});

/**
 * Where a stream's removed events ended: the version and hash of the last one removed, from
 * which the remaining events still prove an unbroken chain.
 */
export const streamTruncations = pgTable('stream_truncations', {
  streamId: text('stream_id').primaryKey(),
  anchorVersion: bigint('anchor_version', { mode: 'number' }).notNull(),
  anchorHash: text('anchor_hash').notNull(),
  removedEvents: bigint('removed_events', { mode: 'number' }).notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** A run of the legacy import: what it read, wrote and refused, and how to undo it. */
export const imports = pgTable(
  'imports',
  {
    importId: uuid('import_id').primaryKey(),
    source: text('source').notNull(),
    /** `running` · `succeeded` · `failed` · `rolled_back` */
    status: text('status').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    events: bigint('events', { mode: 'number' }).notNull().default(0),
    streams: integer('streams').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    report: jsonb('report').$type<Record<string, unknown>>(),
    /** The backup taken before the import: what to restore when a rollback is refused. */
    backupFile: text('backup_file'),
    startedBy: text('started_by').notNull(),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('imports_started_idx').on(t.startedAt, t.importId)],
);
