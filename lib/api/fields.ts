import { INSTANT_RANGE, isStorableInstant } from '@/lib/event-store/instant';
import { MAX_PAGE_SIZE } from '@/lib/event-store/limits';
import { isReadableStreamId, STREAM_ID_PATTERN } from '@/lib/event-store/stream-id';
import { z } from './zod';

/** Building blocks shared by the request and answer schemas of every resource. */

export const queryParam = <S extends z.ZodType>(schema: S, description: string) =>
  schema.optional().openapi({ param: { description } });

export const limit = (fallback: number) =>
  queryParam(
    z.coerce.number().int().min(1).max(MAX_PAGE_SIZE),
    `Page size, 1–${MAX_PAGE_SIZE} (default ${fallback})`,
  );

export const cursor = queryParam(z.string().max(1000), 'nextCursor of the previous page');

export const isoDateTime = z.iso.datetime({ offset: true });
// The explicit type: zod-to-openapi probes with null, which coerces to 0 and would read as nullable.
export const nonNegative = z.coerce
  .number({ error: 'must be an integer ≥ 0' })
  .int()
  .min(0)
  .openapi({ type: 'integer', minimum: 0 });
export const shortText = z.string().min(1).max(200);
export const instant = isoDateTime
  .transform((text) => new Date(text))
  .refine(isStorableInstant, { error: `must be an instant ${INSTANT_RANGE}` });
export const timestamp = isoDateTime.openapi({ example: '2026-01-02T03:04:05.678Z' });
export const version = z.number().int().min(0);

/** The cursor of the page before a keyset page: lists page both ways. */
export const previousCursor = z
  .string()
  .nullable()
  .openapi({ description: 'cursor of the page before this one; null on the first page' });

/** A stream id that may be read: a writable one, or a system one (`$audit-…`). */
export const READABLE_STREAM_ID = `^\\$?${STREAM_ID_PATTERN.source.slice(1)}`;

export const streamIdText = z
  .string()
  .refine(isReadableStreamId, {
    error: 'not a stream id: 1–200 characters of A–Z a–z 0–9 _ . : -',
  })
  .openapi({ pattern: READABLE_STREAM_ID });
