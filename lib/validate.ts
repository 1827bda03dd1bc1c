import type { z } from 'zod';
import { validationError, type FieldError } from './errors';

/** `events[0].data`: the same path notation the core uses in its own field errors. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Parses request input with a zod schema; failures are a 400 listing every field error. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path) || where,
    message: issue.message,
  }));
  const first = errors[0];
  const summary = !first
    ? 'invalid'
    : first.path === where
      ? first.message
      : `${first.path}: ${first.message}`;
  throw validationError(`Invalid ${where}: ${summary}`, errors);
}
