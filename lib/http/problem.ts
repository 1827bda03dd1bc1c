import { ChronicleError, type ErrorCode } from '@/lib/errors';
import { isDatabaseUnavailable } from '../database-unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details; extension members (currentVersion, errors, …) sit beside the standard ones. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
};

export type MappedError = {
  problem: Problem;
  /** The label under which chronicle_errors_total counts it. */
  code: string;
  /** A bug rather than a refusal: log it with its stack. */
  unexpected: boolean;
};

const titles: Record<ErrorCode, string> = {
  validation: 'Invalid request',
  unprocessable: 'Unprocessable content',
  payload_too_large: 'Content too large',
  unsupported_media_type: 'Unsupported media type',
  not_found: 'Not found',
  concurrency: 'Concurrency conflict',
  idempotency_conflict: 'Event id reused',
  conflict: 'Conflict',
  domain: 'Refused by the domain',
  unfoldable: 'History cannot be read',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
};

/** Not meant to be dereferenced (RFC 9457 §3.1.1); stable, so clients may switch on it. */
export const problemType = (code: string) => `urn:chronicle:problem:${code}`;

const problem = (code: string, title: string, status: number, detail: string, extra = {}) => ({
  ...extra,
  type: problemType(code),
  title,
  status,
  detail,
});

/** The one place where an error becomes an HTTP status. */
export function toProblem(error: unknown): MappedError {
  if (error instanceof ChronicleError) {
    const { code, status, message, details } = error;
    return {
      problem: problem(code, titles[code], status, message, details),
      code,
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    const detail = 'The database cannot be reached; try again shortly';
    return {
      problem: problem('unavailable', titles.unavailable, 503, detail),
      code: 'unavailable',
      unexpected: false,
    };
  }
  // Never the message or stack of an unknown error: they can carry SQL, data or paths.
  const detail = 'An unexpected error occurred; it has been logged';
  return {
    problem: problem('internal', 'Internal server error', 500, detail),
    code: 'internal',
    unexpected: true,
  };
}

export function problemResponse(body: Problem): Response {
  const headers = new Headers({ 'content-type': PROBLEM_CONTENT_TYPE });
  if (body.status === 401) headers.set('www-authenticate', 'Bearer realm="chronicle"');
  if (body.status === 503) headers.set('retry-after', '5');
  if (body.status === 429 && typeof body.retryAfter === 'number') {
    headers.set('retry-after', String(body.retryAfter));
  }
  return new Response(JSON.stringify(body), { status: body.status, headers });
}
