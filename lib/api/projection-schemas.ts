import type { FailureView, ProjectionView, ReplayView } from '@/lib/projections/views';
import { cursor, limit, previousCursor, queryParam, timestamp } from './fields';
import { z } from './zod';

export const projectionView = z
  .object({
    name: z.string().openapi({ example: 'workflow-summary' }),
    kind: z.enum(['inline', 'async']),
    version: z.number().int(),
    description: z.string(),
    status: z.enum(['running', 'stopped']).openapi({
      description:
        'stopped: halted before a failed event (policy stop) until it is retried or skipped',
    }),
    policy: z.enum(['stop', 'park']),
    position: z.number().int().openapi({ description: 'Everything in $all up to it is applied' }),
    lag: z.object({
      events: z.number().int(),
      seconds: z.number().openapi({ description: 'Age of the oldest event not yet applied' }),
    }),
    lastError: z.string().nullable(),
    failures: z
      .number()
      .int()
      .openapi({ description: 'Failed events and events parked behind them' }),
    rebuiltAt: timestamp.nullable(),
    activeReplayId: z.guid().nullable(),
  })
  .openapi('Projection') satisfies z.ZodType<ProjectionView>;

export const failureView = z
  .object({
    id: z.guid(),
    projection: z.string(),
    position: z.number().int(),
    streamId: z.string(),
    eventId: z.guid(),
    eventType: z.string(),
    status: z.enum(['failed', 'parked', 'skipped']),
    error: z.string().nullable(),
    attempts: z.number().int(),
    recordedAt: timestamp,
  })
  .openapi('ProjectionFailure') satisfies z.ZodType<FailureView>;

export const failureOutcome = z
  .object({
    error: z.string().nullable().openapi({ description: 'Why it still fails, if it does' }),
  })
  .passthrough()
  .openapi('FailureOutcome');

export const startReplayRequest = z
  .strictObject({
    projection: z.string().min(1).max(100).openapi({ example: 'workflow-summary' }),
    mode: z.enum(['full', 'incremental']).openapi({
      description:
        'full: rebuild beside the live model and swap it in; incremental: resume an async projection from its checkpoint',
    }),
  })
  .openapi('StartReplay');

export const replayView = z
  .object({
    replayId: z.guid(),
    projection: z.string(),
    mode: z.enum(['full', 'incremental']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    processed: z.number().int(),
    total: z
      .number()
      .int()
      .openapi({ description: 'Counted at the start; grows with the catch-up' }),
    eventsPerSecond: z.number(),
    etaSeconds: z.number().nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    error: z.string().nullable(),
    launchedBy: z.string(),
    cancelRequested: z.boolean(),
  })
  .openapi('Replay') satisfies z.ZodType<ReplayView>;

export const replayList = z
  .object({
    replays: z.array(replayView),
    nextCursor: z.string().nullable(),
    previousCursor,
  })
  .openapi('ReplayList');

export const listReplaysQuery = z.object({
  projection: queryParam(z.string().max(100), 'Only replays of this projection'),
  limit: limit(20),
  cursor,
});
