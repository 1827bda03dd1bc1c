import type { ChronicleError, ErrorCode } from '../errors';

/**
 * `instanceof ChronicleError` fails in pages under `next build`: Next bundles lib/ once per
 * entry, and the store (a process singleton) is created by instrumentation's copy, whose error
 * class is not the page's. The name and code identify the error whichever copy threw it.
 */
export function isChronicleError(error: unknown, code?: ErrorCode): error is ChronicleError {
  return (
    error instanceof Error &&
    error.name === 'ChronicleError' &&
    'code' in error &&
    (code === undefined || error.code === code)
  );
}
