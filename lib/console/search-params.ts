import type { z } from 'zod';
import { isChronicleError } from '../errors';
import type { Result } from './result';

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Validates a page's search params. A repeated key keeps its first value, except the `lists`
 * keys, whose values are joined with commas (what a form's checkboxes send is what a shared
 * link says); an empty field counts as absent, since that is what a GET form sends for a blank
 * input.
 */
export function parseSearchParams<T extends z.ZodType>(
  schema: T,
  raw: RawSearchParams,
  { lists = [] }: { lists?: string[] } = {},
): Result<z.output<T>> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const values = [value ?? []].flat().filter((item) => item !== '');
    const given = lists.includes(key) ? values.join(',') : values[0];
    if (given) flat[key] = given;
  }
  const result = schema.safeParse(flat);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, error: result.error.issues.map((issue) => issue.message).join('; ') };
}

/**
 * Runs a store read whose input came from the URL: a validation error (such as a cursor from
 * another sort order) becomes a message for the user; anything else stays an error.
 */
export async function readFromInput<T>(read: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    if (isChronicleError(error, 'validation')) {
      return { ok: false, error: error.message };
    }
    throw error;
  }
}

/** A console URL with the given query; absent values are left out so links stay short. */
export function hrefWith(
  path: string,
  params: Record<string, string | number | undefined | null>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
