import type { z } from 'zod';
import type { ChronicleError, FieldError } from '@/lib/errors';
import { formatPath } from '@/lib/validate';

/** What a form's server action answers: the data, or what is wrong, field by field. */
export type FormResult<T, Field extends string> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Partial<Record<Field, string>> };

/** A failed parse as the core's field errors (`{ path, message }`). */
export function fieldErrorList(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** The first message for each top-level field of a validation error, for display next to it. */
export function fieldErrorsOf<Field extends string>(
  error: ChronicleError,
): Partial<Record<Field, string>> {
  const list = Array.isArray(error.details.errors) ? (error.details.errors as FieldError[]) : [];
  const errors: Partial<Record<string, string>> = {};
  for (const { path, message } of list) {
    const field = path.split(/[.[]/)[0] ?? '';
    errors[field] ??= message;
  }
  return errors as Partial<Record<Field, string>>;
}

/**
 * What a form shows for a refused submission: with field errors, a short summary above the
 * form and each message next to its field; otherwise the error's own message.
 */
export function formFailure<Field extends string>(
  error: ChronicleError,
): { error?: string; fieldErrors?: Partial<Record<Field, string>> } {
  const fieldErrors = fieldErrorsOf<Field>(error);
  return Object.keys(fieldErrors).length === 0
    ? {}
    : { error: 'Not saved: check the fields below', fieldErrors };
}
