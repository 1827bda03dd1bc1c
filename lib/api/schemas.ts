import { MAX_EVENTS_PER_APPEND } from '@/lib/event-store/append';
import { INSTANT_RANGE } from '@/lib/event-store/instant';
import { jsonObjectSchema as jsonObject } from '@/lib/event-store/json';
import { STREAM_SORTS } from '@/lib/event-store/list-streams';
import { EVENT_TYPE_PATTERN } from '@/lib/event-store/stream-id';
import {
  cursor,
  instant,
  limit,
  nonNegative,
  previousCursor,
  queryParam,
  shortText,
  streamIdText,
  timestamp,
  version,
} from './fields';
import { z } from './zod';

const raw = queryParam(
  z.stringbool().openapi({ type: 'boolean' }),
  'true: events as stored (what the hash chain covers), without upcasting to the current schema',
);

const eventType = z.string().regex(EVENT_TYPE_PATTERN);
const category = queryParam(shortText, 'Exactly the text before the first "-" of the stream id');

/** `type=A&type=B` and `type=A,B` both read as [A, B]. */
const typeList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    [value]
      .flat()
      .flatMap((item) => item.split(','))
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(eventType).max(100))
  .openapi({ type: 'array', items: { type: 'string', pattern: EVENT_TYPE_PATTERN.source } });

export const listStreamsQuery = z.object({
  category,
  prefix: queryParam(shortText, 'Stream ids starting with this text'),
  limit: limit(50),
  cursor,
  sort: queryParam(z.enum(STREAM_SORTS), 'Sort key; "-" for descending (default streamId)'),
});

export const readStreamQuery = z.object({
  fromVersion: queryParam(
    nonNegative,
    'Inclusive. Default: 1 forward, the newest event backward. nextCursor is the next fromVersion',
  ),
  limit: limit(100),
  direction: queryParam(z.enum(['forward', 'backward']), 'Default forward'),
  raw,
});

/** The filters of `$all`, shared by the log, its count and its live stream. */
const allFilterQuery = z.object({
  type: queryParam(typeList, 'Event types, repeated (type=A&type=B) or comma-separated (type=A,B)'),
  category,
  stream: queryParam(streamIdText, 'Exactly this stream id'),
  correlationId: queryParam(shortText, 'metadata.correlationId'),
  actor: queryParam(shortText, 'metadata.actor, exactly'),
  from: queryParam(instant, 'Recorded at or after this ISO 8601 time'),
  to: queryParam(instant, 'Recorded before this ISO 8601 time'),
  occurredFrom: queryParam(instant, 'Occurred (business time) at or after this ISO 8601 time'),
  occurredTo: queryParam(instant, 'Occurred (business time) before this ISO 8601 time'),
});
export const downloadQuery = z.object({ raw });

export const readAllQuery = z.object({
  after: queryParam(
    nonNegative,
    "Forward: exclusive global position; pass the previous page's lastPosition",
  ),
  direction: queryParam(
    z.enum(['forward', 'backward']),
    'Default forward (followers of the log). Backward reads newest first, for browsing',
  ),
  before: queryParam(
    nonNegative,
    "Backward: exclusive global position; pass the previous page's lastPosition (0: no more)",
  ),
  limit: limit(100),
  ...allFilterQuery.shape,
  raw,
});

/** `after` is exclusive; without it the stream starts at the readable head. */
export const liveEventsQuery = z.object({
  after: queryParam(nonNegative, 'Exclusive global position; default: the readable head now'),
  ...allFilterQuery.shape,
});

export const correlationQuery = z.object({
  after: queryParam(
    nonNegative,
    "Exclusive global position; pass the previous page's lastPosition",
  ),
  limit: limit(1000),
});

export const expectedVersion = z
  .union([z.number().int().min(0), z.enum(['any', 'no_stream', 'stream_exists'])], {
    error: 'must be an integer ≥ 0, "any", "no_stream" or "stream_exists"',
  })
  .openapi('ExpectedVersion', {
    description:
      'Exact version (0: must not exist), "any" (default), "no_stream" or "stream_exists"',
  });

// Strict: a misspelt `expectedVersion` must not silently turn into an unchecked append.
export const newEvent = z
  .strictObject({
    eventId: z.guid().optional().openapi({
      description:
        'Client-chosen id; makes retries idempotent. Give one to every event of an append, or to none',
    }),
    type: eventType,
    data: jsonObject,
    metadata: jsonObject.optional(),
    occurredAt: instant.optional().openapi({
      description: `Business time, ${INSTANT_RANGE}, not later than the commit time (within the clock tolerance); defaults to the commit time`,
    }),
  })
  .openapi('NewEvent');

// The upper bound is the core's (a 413, not a 400), so it is documented here but not checked.
export const appendRequest = z
  .strictObject({
    expectedVersion: expectedVersion.optional(),
    events: z.array(newEvent).min(1).openapi({ maxItems: MAX_EVENTS_PER_APPEND }),
  })
  .openapi('AppendRequest');

const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const recordedEvent = z
  .object({
    eventId: z.guid(),
    streamId: z.string(),
    version: z.number().int().min(1),
    position: z.number().int().min(1).openapi({ description: 'Global position, below 2^53' }),
    type: z.string(),
    schemaVersion: z.number().int().min(1),
    data: jsonObject,
    metadata: jsonObject,
    occurredAt: timestamp,
    recordedAt: timestamp,
    prevHash: hash,
    hash,
    erasedFields: z.array(z.string()).optional().openapi({
      description:
        'JSON Pointers into data of personal fields whose subject was erased: they read null',
    }),
  })
  .openapi('Event');

export const streamInfo = z
  .object({
    streamId: z.string(),
    category: z.string(),
    version,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('StreamInfo');

export const streamDetails = streamInfo
  .extend({ lastHash: hash.openapi({ description: 'Hash of the newest event' }) })
  .openapi('StreamDetails');

export const streamList = z
  .object({
    streams: z.array(streamInfo),
    nextCursor: z.string().nullable(),
    previousCursor,
  })
  .openapi('StreamList');

export const streamPage = z
  .object({
    streamId: z.string(),
    version,
    events: z.array(recordedEvent),
    nextCursor: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'fromVersion of the next page; null at the end' }),
  })
  .openapi('StreamPage');

export const historyDocument = z
  .object({ streamId: z.string(), version, events: z.array(recordedEvent) })
  .openapi('StreamHistory');

export const appendResult = z
  .object({
    streamId: z.string(),
    fromVersion: z.number().int().min(1),
    toVersion: z.number().int().min(1),
    positions: z.array(z.number().int()),
  })
  .openapi('AppendResult');

export const allPage = z
  .object({
    events: z.array(recordedEvent),
    lastPosition: z.number().int().min(0).openapi({
      description: 'Pass as `after`: every event up to it has been read, filtered or not',
    }),
  })
  .openapi('AllPage');

export const correlationPage = z
  .object({
    correlationId: z.string(),
    events: z.array(recordedEvent),
    lastPosition: z.number().int().min(0).openapi({
      description: 'Pass as `after` for more; fewer events than `limit` means the group is read',
    }),
  })
  .openapi('CorrelationPage');

export const verifyResult = z
  .object({
    streamId: z.string(),
    valid: z.boolean(),
    checkedEvents: z.number().int().min(0),
    firstInvalidVersion: z.number().int().min(1).nullable(),
    headHash: hash.nullable(),
    anchorVersion: z.number().int().min(0).openapi({
      description:
        'The chain is checked from this version on: 0, or the last version retention removed (its hash is the prevHash of the first stored event)',
    }),
  })
  .openapi('VerifyResult');

export const health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      connected: z.boolean(),
      embedded: z.boolean().optional(),
      latencyMs: z.number().optional(),
      serverVersion: z.string().optional(),
      oldestTransactionAgeSeconds: z.number().optional().openapi({
        description:
          'Age of the oldest open transaction holding an xid; it holds back $all readers',
      }),
      horizonWarnSeconds: z.number().optional().openapi({
        description:
          'CHRONICLE_HORIZON_WARN_SECONDS: the age past which that transaction is a warning',
      }),
      horizonStalled: z.boolean().optional().openapi({
        description:
          'The oldest open transaction is older than horizonWarnSeconds: $all readers are held back (still 200: the database answers)',
      }),
      error: z.string().optional(),
    }),
    replica: z
      .object({
        configured: z.boolean(),
        serving: z.boolean().optional(),
        replayLagSeconds: z.number().nullable().optional(),
        error: z.string().optional(),
      })
      .optional()
      .openapi({
        description:
          'DATABASE_REPLICA_URL: whether the replica serves heavy reads (if not, the primary does) and its replay lag',
      }),
  })
  .openapi('Health');

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string().optional(),
    currentVersion: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'On a 409 concurrency conflict' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });
