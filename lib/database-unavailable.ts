/** Socket errors (Node) and connection states (postgres.js) that mean the server cannot be reached. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATEs of a server that is there but will not serve: shutting down, starting, full. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_EXCEPTION_CLASS = /^08[0-9A-Z]{3}$/;

/**
 * Whether an error means "the database is down" (a 503 the client may retry) rather than a bug.
 * Node wraps a refused dual-stack connect in an AggregateError, and some libraries use `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const code = 'code' in error ? error.code : undefined;
  if (
    typeof code === 'string' &&
    (CONNECTION_CODES.has(code) ||
      UNAVAILABLE_SQLSTATES.has(code) ||
      CONNECTION_EXCEPTION_CLASS.test(code))
  ) {
    return true;
  }
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
  ) {
    return true;
  }
  return 'cause' in error && isDatabaseUnavailable(error.cause, depth + 1);
}
