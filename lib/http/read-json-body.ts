import type { z } from 'zod';
import { payloadTooLarge, unsupportedMediaType, validationError } from '@/lib/errors';
import { assertStorableJson, MAX_JSON_DEPTH } from '@/lib/event-store/json';
import { losesPrecision, scanJsonText } from '@/lib/event-store/json-text';
import { parseInput } from '@/lib/validate';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body within the contract's limits and validates its shape. An empty body
 * is `undefined` to the schema, so a POST without a body needs no content type.
 */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  { maxBytes = MAX_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBytes) throw tooLarge(maxBytes);
  const contentType = req.headers.get('content-type');
  const isJson = contentType !== null && isJsonMediaType(contentType);
  // A declared body that is not JSON (a cross-site form or text/plain POST) is never read.
  if (declared !== undefined && declared > 0 && !isJson) throw unsupported(contentType);
  const bytes = await readBounded(req, maxBytes);
  if (bytes.length === 0) return parseInput(schema, undefined, 'body');
  if (!isJson) throw unsupported(contentType);
  return parseInput(schema, parseJson(decodeUtf8(bytes)), 'body');
}

const unsupported = (contentType: string | null) =>
  unsupportedMediaType(
    contentType === null
      ? 'A request body needs Content-Type: application/json'
      : `Content-Type ${contentType} is not accepted; send application/json`,
  );

function declaredLength(req: Request): number | undefined {
  const header = req.headers.get('content-length');
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

/** `application/json` or `application/*+json`, in UTF-8 (the only encoding JSON allows, RFC 8259). */
export function isJsonMediaType(contentType: string): boolean {
  const [essence = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const json = essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
  const charset = params
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '');
  return json && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

/** Counts bytes as they arrive and stops pulling at the first one over the limit. */
async function readBounded(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
}

const tooLarge = (maxBytes: number) =>
  payloadTooLarge(`The request body exceeds ${maxBytes} bytes`);

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw validationError('The request body is not valid UTF-8', [
      { path: 'body', message: 'invalid UTF-8' },
    ]);
  }
}

function parseJson(text: string): unknown {
  let inexact: string | undefined;
  const depthOk = (depth: number) => depth <= MAX_JSON_DEPTH;
  const exact = (token: string) => !losesPrecision(token) || ((inexact = token), false);
  if (!scanJsonText(text, { depth: depthOk, number: exact })) {
    if (inexact === undefined) {
      throw validationError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels`, [
        { path: 'body', message: `nesting deeper than ${MAX_JSON_DEPTH}` },
      ]);
    }
    // Stored, it would be rounded to a double: what is hashed must be what is stored.
    const shown = inexact.length > 40 ? `${inexact.slice(0, 40)}…` : inexact;
    throw validationError(
      `The number ${shown} cannot be kept exactly (JSON numbers are read as doubles: it would become ${String(Number(inexact))}); send it as a string`,
      [{ path: 'body', message: `inexact number ${shown}` }],
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw validationError(`Malformed JSON: ${message}`, [{ path: 'body', message }]);
  }
  // PostgreSQL's text and jsonb hold neither NUL nor lone surrogates, and JSON text can carry them
  // only as \u escapes: walk the value only when its text has one that could be either.
  if (UNSTORABLE_ESCAPE.test(text)) assertStorableJson(value, 'body');
  return value;
}

const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
