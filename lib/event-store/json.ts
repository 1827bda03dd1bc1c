import { z } from 'zod';
import { validationError } from '../errors';
import type { JsonObject } from './types';

export const MAX_JSON_DEPTH = 64;

/**
 * PostgreSQL's jsonb refuses NUL characters and lone surrogates, and JSON has no Infinity; such
 * input must be a 400 before it reaches the database rather than a 500 from it.
 */
export function assertStorableJson(value: unknown, path: string, depth = 1): void {
  if (depth > MAX_JSON_DEPTH) {
    throw validationError(`${path} is nested deeper than ${MAX_JSON_DEPTH} levels`, [
      { path, message: `nesting deeper than ${MAX_JSON_DEPTH}` },
    ]);
  }
  if (typeof value === 'string') return assertStorableString(value, path);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, 'numbers must be finite');
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorableJson(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assertStorableString(key, `${path} key`);
      assertStorableJson(item, `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw invalid(path, `${typeof value} is not a JSON value`);
}

function assertStorableString(text: string, path: string): void {
  if (text.includes('\u0000')) throw invalid(path, 'contains a NUL character (\\u0000)');
  if (!text.isWellFormed()) throw invalid(path, 'contains a lone UTF-16 surrogate');
}

const invalid = (path: string, message: string) =>
  validationError(`${path} ${message}`, [{ path, message }]);

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON object passed on as it came: zod's record rebuilds it and drops a key named
 * `__proto__`. The meta is its JSON Schema, for documents generated from schemas that use it.
 */
export const jsonObjectSchema = z
  .custom<JsonObject>(isJsonObject, { error: 'must be a JSON object' })
  .meta({ type: 'object', additionalProperties: {} });
