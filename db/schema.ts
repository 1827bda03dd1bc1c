import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  doublePrecision,
  jsonb,
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
    index('events_recorded_at_idx').on(t.recordedAt),
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

/** Read model of workflows, written in the same transaction as the workflow's events. */
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

/** Read model of agents and their task totals, written with the agent's events. */
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
  updatedAt: timestamptz('updated_at').notNull(),
});

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
