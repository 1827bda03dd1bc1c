import { z } from 'zod';
import { auditActions } from '../audit/audit-event';
import { STREAM_SORTS } from '../event-store/list-streams';
import { EVENT_TYPE_PATTERN } from '../event-store/stream-id';
import { TASK_SORTS } from './task-order';

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

const pageSize = z.coerce
  .number()
  .refine((value): value is PageSize => PAGE_SIZES.some((size) => size === value), {
    message: `limit must be one of ${PAGE_SIZES.join(', ')}`,
  })
  .default(DEFAULT_PAGE_SIZE);

const position = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be 0 or more`)
    .max(Number.MAX_SAFE_INTEGER, `${name} is too large`);

/** The text before a stream id's first `-`; system categories start with `$`. */
const category = z
  .string()
  .max(200, 'category is at most 200 characters')
  .regex(/^\$?[A-Za-z0-9_.:]+$/, 'category may hold only A–Z a–z 0–9 _ . : (after an optional $)');

export const streamListFilters = z.object({
  category: category.optional(),
  prefix: z
    .string()
    .max(200, 'prefix is at most 200 characters')
    .regex(/^\$?[A-Za-z0-9_.:-]+$/, 'prefix may hold only the characters of a stream id')
    .optional(),
  sort: z
    .enum(STREAM_SORTS, { error: `sort must be one of ${STREAM_SORTS.join(', ')}` })
    .default('streamId'),
  limit: pageSize,
  cursor: z.string().max(1000, 'cursor is too long').optional(),
});
export type StreamListFilters = z.output<typeof streamListFilters>;

export const DIRECTIONS = ['backward', 'forward'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const direction = z.enum(DIRECTIONS, { error: 'direction must be backward or forward' });

export const streamEventFilters = z.object({
  direction: direction.default('backward'),
  fromVersion: position('fromVersion').optional(),
  limit: pageSize,
});
export type StreamEventFilters = z.output<typeof streamEventFilters>;

/** Event types, comma-separated as in the REST API (`type=StepFailed,WorkflowFailed`). */
const typeList = z
  .string()
  .transform((value) => [...new Set(value.split(',').map((type) => type.trim()))].filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(EVENT_TYPE_PATTERN, 'type must start with a letter and hold only A–Z a–z 0–9 _ .'),
      )
      .max(100, 'at most 100 types at once'),
  );

/** A time as a `datetime-local` field shows it: to the second, in UTC, as the filters read it. */
export const inputTime = (date: Date | undefined) => date?.toISOString().slice(0, 19);

/** A time typed in a datetime-local field (`2026-03-01T14:30`), read as UTC like every time shown. */
const utcTime = (name: string) =>
  z
    .string()
    .max(40)
    .transform((text, context) => {
      const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
      const year = date.getUTCFullYear();
      if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
        context.addIssue({ code: 'custom', message: `${name} must be a date and time (UTC)` });
        return z.NEVER;
      }
      return date;
    });

/**
 * The explorer's view of `$all`. A page is reached by `after` (the events after a position) or
 * `before` (those before one), in either order, so that there is a way back as well as forward.
 */
export const allEventFilters = z.object({
  type: typeList.optional(),
  category: category.optional(),
  stream: z
    .string()
    .max(200, 'stream is at most 200 characters')
    .regex(/^\$?[A-Za-z0-9_.:-]+$/, 'stream may hold only the characters of a stream id')
    .optional(),
  correlationId: z.string().max(200, 'correlationId is at most 200 characters').optional(),
  actor: z.string().trim().max(200, 'actor is at most 200 characters').optional(),
  from: utcTime('recorded from').optional(),
  to: utcTime('recorded before').optional(),
  occurredFrom: utcTime('occurred from').optional(),
  occurredTo: utcTime('occurred before').optional(),
  direction: direction.default('forward'),
  after: position('after').optional(),
  before: position('before').optional(),
  limit: pageSize,
  live: z.literal('1', { error: 'live is 1 or absent' }).optional(),
});
export type AllEventFilters = z.output<typeof allEventFilters>;

export const agentTaskFilters = z.object({
  sort: z
    .enum(TASK_SORTS, { error: `sort must be one of ${TASK_SORTS.join(', ')}` })
    .default('-started'),
});

export const AUDIT_OUTCOMES = ['succeeded', 'failed', 'refused'] as const;

/** Actions, comma-separated in links; a form's checkboxes send them one by one. */
const actionList = z
  .string()
  .transform((value) =>
    [...new Set(value.split(',').map((action) => action.trim()))].filter(Boolean),
  )
  .pipe(z.array(z.enum(auditActions, { error: 'action must be one of the audited acts' })));

export const auditLogFilters = z.object({
  action: actionList.optional(),
  /** An actor's id, or part of their name (an e-mail address, a token's name). */
  actor: z.string().trim().max(200, 'actor is at most 200 characters').optional(),
  /** The beginning of a target: `workflow-`, `user:…`, a stream id. */
  target: z.string().trim().max(300, 'target is at most 300 characters').optional(),
  outcome: z
    .enum(AUDIT_OUTCOMES, { error: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` })
    .optional(),
  from: utcTime('from').optional(),
  to: utcTime('to').optional(),
  before: position('before').optional(),
  after: position('after').optional(),
  limit: pageSize,
});
export type AuditLogFilters = z.output<typeof auditLogFilters>;
