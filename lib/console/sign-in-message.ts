import { isChronicleError } from '../errors';

/**
 * What the sign-in page says about a failed attempt: the accounts library's own words for a
 * wrong password, a disabled account or a bad address, and the wait after too many attempts.
 * An unexpected error says nothing about its cause.
 */
export function signInMessage(error: unknown): string {
  if (isChronicleError(error, 'rate_limited')) {
    return `Too many attempts, try again in ${Number(error.details.retryAfter)} s`;
  }
  if (isChronicleError(error) && error.status < 500) return error.message;
  return 'Signing in is not possible right now; the server log has the details';
}
