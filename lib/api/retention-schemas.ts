import { MAX_AGE_DAYS, MAX_COUNT, type RetentionRule } from '@/lib/retention/rules';
import { timestamp } from './fields';
import { z } from './zod';

export const retentionRule = z
  .object({
    category: z.string().openapi({ example: 'agent' }),
    maxAgeDays: z.number().int().nullable().openapi({ description: 'By recorded time' }),
    maxCount: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Each stream keeps its newest maxCount events' }),
  })
  .openapi('RetentionRule') satisfies z.ZodType<RetentionRule>;

export const retentionRules = z.array(retentionRule).openapi('RetentionRules');

export const setRetentionRequest = z
  .strictObject({
    maxAgeDays: z
      .number()
      .int()
      .min(0)
      .max(MAX_AGE_DAYS)
      .nullable()
      .optional()
      .openapi({ description: `Days, 0–${MAX_AGE_DAYS}, by recorded time` }),
    maxCount: z
      .number()
      .int()
      .min(1)
      .max(MAX_COUNT)
      .nullable()
      .optional()
      .openapi({ description: 'Each stream keeps its newest maxCount events' }),
  })
  .openapi('SetRetention', {
    description: 'Both absent or null: the category has no rule any more',
  });

export const retentionCategoryParams = z.object({
  category: z.string().openapi({ example: 'agent', description: 'Not $audit' }),
});

export const holdRequest = z.strictObject({ hold: z.boolean() }).openapi('HoldRequest');

export const holdAnswer = z
  .object({ streamId: z.string(), hold: z.boolean() })
  .openapi('Hold', {
    description: 'While a stream is held, retention neither hides nor removes its events',
  });

export const scavengeStatus = z
  .object({
    pending: z
      .object({
        state: z.enum(['queued', 'running']),
        since: timestamp,
        lastError: z.string().nullable(),
      })
      .nullable(),
    lastRun: z
      .object({
        streams: z.number().int().openapi({ description: 'Streams that lost events' }),
        removedEvents: z.number().int(),
        startedAt: timestamp,
        finishedAt: timestamp,
        requestedBy: z.string(),
      })
      .nullable(),
  })
  .openapi('ScavengeStatus');
