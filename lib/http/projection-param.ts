import { validationError } from '@/lib/errors';
import type { RouteParams } from './with-api';

/** The `{name}` of a projection: its form is checked here, its existence by lib (404). */
export function projectionParam(params: RouteParams): string {
  const value = params.name;
  if (typeof value !== 'string' || !/^[a-z0-9-]{1,100}$/.test(value)) {
    throw validationError('Invalid projection name in the path', [
      { path: 'name', message: 'lower-case letters, digits and dashes' },
    ]);
  }
  return value;
}
