/**
 * Typed errors of the core. Each has a code; its HTTP status derives from the code, so route
 * handlers never decide statuses themselves (see lib/http/problem.ts).
 */
export type ErrorCode =
  | 'validation'
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'concurrency'
  | 'idempotency_conflict'
  | 'conflict'
  | 'domain'
  | 'unfoldable'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable';

export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  concurrency: 409,
  idempotency_conflict: 409,
  conflict: 409,
  domain: 422,
  unfoldable: 409,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
};

export type FieldError = { path: string; message: string };

const BRAND = Symbol.for('chronicle.error');

export class ChronicleError extends Error {
  /**
   * Next bundles lib/ more than once (instrumentation, pages, route handlers), and the store
   * lives on globalThis, so an error may come from another copy of this class: recognise the
   * brand, not the constructor.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ChronicleError';
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const validationError = (message: string, errors: FieldError[] = []) =>
  new ChronicleError('validation', message, errors.length ? { errors } : {});

export const unprocessable = (message: string, errors: FieldError[] = []) =>
  new ChronicleError('unprocessable', message, errors.length ? { errors } : {});

export const notFound = (message: string) => new ChronicleError('not_found', message);

export const concurrencyError = (streamId: string, expected: unknown, currentVersion: number) =>
  new ChronicleError(
    'concurrency',
    `Stream ${streamId} is at version ${currentVersion}, expected ${String(expected)}`,
    { streamId, expectedVersion: expected, currentVersion },
  );

/** The resource is in a state that does not allow the act (a replay already finished). */
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new ChronicleError('conflict', message, details);

export const idempotencyConflict = (message: string, eventIds: string[]) =>
  new ChronicleError('idempotency_conflict', message, { eventIds });

export const domainError = (message: string, details: Record<string, unknown> = {}) =>
  new ChronicleError('domain', message, details);

export const unauthenticated = (message = 'A valid bearer token is required') =>
  new ChronicleError('unauthenticated', message);

export const forbidden = (message: string) => new ChronicleError('forbidden', message);

export const payloadTooLarge = (message: string) =>
  new ChronicleError('payload_too_large', message);

export const unsupportedMediaType = (message: string) =>
  new ChronicleError('unsupported_media_type', message);

export function isChronicleError(error: unknown, code?: ErrorCode): error is ChronicleError {
  return error instanceof ChronicleError && (code === undefined || error.code === code);
}
