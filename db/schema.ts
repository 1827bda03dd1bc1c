import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

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
