import type { SnapshotStats } from '@/lib/snapshots/stats';
import type { FieldChange } from '@/lib/temporal/diff';
import type { StateAt } from '@/lib/temporal/state-at';
import { instant, nonNegative, queryParam, timestamp, version } from './fields';
import { z } from './zod';

export const stateQuery = z.object({
  version: queryParam(
    nonNegative,
    'The state after this many events (0: before the first). Neither version nor at: the current state',
  ),
  at: queryParam(instant, 'The state at this ISO 8601 time; instead of version'),
  time: queryParam(
    z.enum(['recorded', 'occurred']),
    'With at: recorded (system) time, the default, or occurred (business) time',
  ),
});

const requiredVersion = (description: string) => nonNegative.openapi({ param: { description } });

export const diffQuery = z.object({
  from: requiredVersion('Version of the state before'),
  to: requiredVersion('Version of the state after'),
});

const state = z.unknown().openapi({
  description: "The aggregate's state (a workflow's or an agent's shape); null before version 1",
});

// Each answer is typed against the core's result, so the documented shape cannot drift from it.
export const streamState = z
  .object({
    streamId: z.string(),
    version,
    at: timestamp
      .nullable()
      .openapi({ description: 'The time asked for, or when that version was recorded' }),
    state,
    fromSnapshot: z.boolean().openapi({
      description: 'Built from a stored snapshot, directly or through the cache',
    }),
  })
  .openapi('StreamState') satisfies z.ZodType<StateAt>;

const fieldChange = z
  .object({
    path: z.string().openapi({ example: 'steps.2.status' }),
    change: z.enum(['added', 'removed', 'changed']),
    oldValue: z.unknown().optional(),
    newValue: z.unknown().optional(),
  })
  .openapi('FieldChange') satisfies z.ZodType<FieldChange>;

export const stateDiff = z
  .object({ streamId: z.string(), from: version, to: version, changes: z.array(fieldChange) })
  .openapi('StateDiff');

const milliseconds = z.number().nullable();
const count = z.number().int().min(0);

export const snapshotStats = z
  .object({
    snapshots: count,
    streams: count,
    rawBytes: count,
    compressedBytes: count,
    compressionRatio: z.number().nullable().openapi({ description: 'raw / compressed bytes' }),
    creationMs: z.object({
      p50: milliseconds,
      p95: milliseconds,
      p99: milliseconds,
      max: milliseconds,
    }),
    staleStored: count.openapi({ description: 'Stored snapshots of an older state shape' }),
    staleIgnored: count.openapi({
      description: 'Snapshots of an older shape skipped while loading, since the process started',
    }),
    cache: z.object({
      hits: count,
      misses: count,
      hitRate: z.number().nullable(),
      entries: count,
      bytes: count,
    }),
    byAggregate: z.array(
      z.object({
        aggregateType: z.string(),
        snapshots: count,
        rawBytes: count,
        compressedBytes: count,
      }),
    ),
  })
  .openapi('SnapshotStats') satisfies z.ZodType<SnapshotStats>;

export const snapshotCleanup = z
  .object({
    removed: count.openapi({ description: 'Snapshots deleted' }),
    kept: count.openapi({ description: 'The newest snapshots kept per stream' }),
  })
  .openapi('SnapshotCleanup');
