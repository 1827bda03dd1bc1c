import { validationError } from '../errors';

export const MAX_PAGE_SIZE = 1000;

export function pageSize(limit: number | undefined, fallback = 100): number {
  const value = limit ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw validationError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, [
      { path: 'limit', message: `got ${String(limit)}` },
    ]);
  }
  return value;
}
