import { validationError } from '@/lib/errors';
import type { RouteParams } from './with-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `{id}` of a resource whose ids are UUIDs. Text that cannot be an id is a 400, as an
 * impossible stream id is; a well-formed id nothing has is the route's 404. Lower case, as this
 * API creates ids and the read models answer them, since UUIDs compare without case.
 */
export function uuidParam(params: RouteParams, resource: string): string {
  const value = params.id;
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw validationError(`Invalid ${resource} id in the path: must be a UUID`, [
      { path: 'id', message: 'must be a UUID' },
    ]);
  }
  return value.toLowerCase();
}
