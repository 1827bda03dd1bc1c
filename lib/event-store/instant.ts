import { validationError } from '../errors';

/** The instants the store keeps: years 0001 to 9999 in UTC, to the millisecond. */
export const MIN_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
export const INSTANT_RANGE = 'from 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z (UTC)';

export const isStorableInstant = (date: Date): boolean => {
  const ms = date.getTime();
  return ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
};

/** A time given to the store must be a real instant in its range: PostgreSQL would 500 on others. */
export function assertInstant(date: Date, path: string): void {
  if (Number.isNaN(date.getTime())) {
    throw validationError(`${path} is not a valid date`, [{ path, message: 'invalid date' }]);
  }
  if (!isStorableInstant(date)) {
    throw validationError(
      `${path} must be an instant ${INSTANT_RANGE}; got ${date.toISOString()}`,
      [{ path, message: `outside ${INSTANT_RANGE}` }],
    );
  }
}
