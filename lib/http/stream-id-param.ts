import { validationError } from '@/lib/errors';
import { isReadableStreamId } from '@/lib/event-store/stream-id';
import type { RouteParams } from './with-api';

/**
 * The `{id}` of a stream route. Next decodes path segments, but not every code path has; a valid
 * id never contains `%`, so decoding again cannot change one and only rescues an encoded one.
 */
export function streamIdParam(params: RouteParams): string {
  const value = params.id;
  if (typeof value !== 'string') throw invalid('missing');
  let id = value;
  if (id.includes('%')) {
    try {
      id = decodeURIComponent(id);
    } catch {
      throw invalid('not valid percent-encoding');
    }
  }
  if (!isReadableStreamId(id)) throw invalid('must be 1–200 characters of A–Z a–z 0–9 _ . : -');
  return id;
}

const invalid = (message: string) =>
  validationError(`Invalid stream id in the path: ${message}`, [{ path: 'id', message }]);
