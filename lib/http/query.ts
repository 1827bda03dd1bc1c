import type { z } from 'zod';
import { parseInput } from '@/lib/validate';

/**
 * Query parameters as an object for zod: a repeated key becomes an array, and an empty value
 * (`?category=`, as HTML forms send) counts as absent.
 */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key).filter((value) => value !== '');
    const [only] = values;
    if (only === undefined) continue;
    raw[key] = values.length === 1 ? only : values;
  }
  return parseInput(schema, raw, 'query');
}
