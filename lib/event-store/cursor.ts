import type { z } from 'zod';
import { validationError } from '../errors';

/** Keyset cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationError('cursor is not one this server gave out', [
    { path: 'cursor', message: 'invalid' },
  ]);
}

/**
 * A keyset page from `limit + 1` rows read in the page's direction (`back`: read against the
 * list's order from a Previous cursor, so turned round here), with the cursors on both sides:
 * next from the last row, previous (marked `back`) from the first, each when there is more.
 */
export function keysetPage<R>(
  rows: R[],
  {
    limit,
    back,
    continued,
    keyOf,
  }: {
    limit: number;
    back: boolean;
    continued: boolean;
    keyOf: (row: R) => Record<string, unknown>;
  },
): { page: R[]; nextCursor: string | null; previousCursor: string | null } {
  const more = rows.length > limit;
  const page = back ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const first = page[0];
  const last = page.at(-1);
  return {
    page,
    nextCursor: last !== undefined && (back || more) ? encodeCursor(keyOf(last)) : null,
    previousCursor:
      first !== undefined && (back ? more : continued)
        ? encodeCursor({ ...keyOf(first), back: true })
        : null,
  };
}
