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
