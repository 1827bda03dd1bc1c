import type { z } from 'zod';

/** What a form's server action answers: the data, or what is wrong, field by field. */
export type FormResult<T, Field extends string> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors: Partial<Record<Field, string>> };

/** The first message for each top-level field of a failed parse, for display next to it. */
export function fieldErrorsOf<Field extends string>(
  error: z.ZodError,
): Partial<Record<Field, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors as Partial<Record<Field, string>>;
}
