import type { z } from 'zod';
import { validationError } from '@/lib/errors';
import { parseInput } from '@/lib/validate';

/**
 * Query parameters as an object for zod: a repeated key becomes an array, and an empty value
 * (`?category=`, as HTML forms send) counts as absent. A NUL (`%00`) is refused here, as no text
 * the store keeps can hold one and PostgreSQL refuses it in a query.
 */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key).filter((value) => value !== '');
    if (values.some((value) => value.includes('\u0000'))) {
      throw validationError(`Invalid query: ${key.slice(0, 100)} contains a NUL character`, [
        { path: key.slice(0, 100), message: 'contains a NUL character' },
      ]);
    }
    const [only] = values;
    if (only === undefined) continue;
    raw[key] = values.length === 1 ? only : values;
  }
  return parseInput(schema, raw, 'query');
}
