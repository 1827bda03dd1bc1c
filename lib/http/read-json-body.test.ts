import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChronicleError } from '@/lib/errors';
import { isJsonMediaType, readJsonBody } from './read-json-body';

const anything = z.unknown();
const encoder = new TextEncoder();

type Source = { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean };

/** A body that never ends, counting how often it was asked for more. */
function endlessBody(chunkSize: number): Source {
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

function request(
  body: BodyInit | ReadableStream<Uint8Array> | null,
  headers: Record<string, string> = {},
) {
  // duplex is required by Node for a stream body and missing from the DOM typings.
  const init = { method: 'POST', body, headers, duplex: 'half' } as RequestInit;
  return new Request('http://localhost/', init);
}

async function failure(promise: Promise<unknown>): Promise<ChronicleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ChronicleError) return error;
  throw new Error(`expected a ChronicleError, got ${String(error)}`);
}

const json = { 'content-type': 'application/json' };

describe('readJsonBody', () => {
  it('stops reading as soon as the limit is passed and cancels the body', async () => {
    const source = endlessBody(1000);
    const error = await failure(
      readJsonBody(request(source.stream, json), anything, { maxBytes: 10_000 }),
    );
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(source.pulls()).toBeLessThanOrEqual(13);
    await expect.poll(source.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the limit without reading at all', async () => {
    const source = endlessBody(1000);
    const headers = { ...json, 'content-length': String(2 * 1024 * 1024) };
    const error = await failure(readJsonBody(request(source.stream, headers), anything));
    expect(error.status).toBe(413);
    expect(source.pulls()).toBeLessThanOrEqual(1);
  });

  it('refuses a declared body of another content type before reading it', async () => {
    const source = endlessBody(1000);
    const headers = { 'content-type': 'text/plain', 'content-length': '5000' };
    const error = await failure(readJsonBody(request(source.stream, headers), anything));
    expect(error).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    expect(source.pulls()).toBeLessThanOrEqual(1);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = `"${'x'.repeat(98)}"`;
    await expect(
      readJsonBody(request(body, json), anything, { maxBytes: 100 }),
    ).resolves.toHaveLength(98);
    const over = await failure(
      readJsonBody(request(`${body} `, json), anything, { maxBytes: 100 }),
    );
    expect(over.status).toBe(413);
  });

  it('gives the schema undefined for an empty body, whatever its content type', async () => {
    const optional = z.object({ reason: z.string() }).optional();
    await expect(readJsonBody(request(null), optional)).resolves.toBeUndefined();
    await expect(readJsonBody(request(''), optional)).resolves.toBeUndefined();
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' };
    await expect(readJsonBody(request(new Uint8Array(0), form), optional)).resolves.toBeUndefined();
  });

  it('refuses a body without a content type', async () => {
    const error = await failure(readJsonBody(request(encoder.encode('{}')), anything));
    expect(error.status).toBe(415);
  });

  it('refuses invalid UTF-8 rather than replacing it', async () => {
    for (const bytes of [
      [0x22, 0xff, 0x22],
      [0x22, 0xc3, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
    ]) {
      const error = await failure(readJsonBody(request(new Uint8Array(bytes), json), anything));
      expect(error).toMatchObject({ status: 400, message: 'The request body is not valid UTF-8' });
    }
    await expect(readJsonBody(request(encoder.encode('"é€😀"'), json), anything)).resolves.toBe(
      'é€😀',
    );
  });

  it('refuses NUL characters and lone surrogates in any string or key, which no column holds', async () => {
    for (const [text, path] of [
      ['{"name":"a\\u0000b"}', 'body.name'],
      ['{"name":"\\ud800"}', 'body.name'],
      ['[{"\\udc00":1}]', 'body[0] key'],
    ]) {
      const error = await failure(readJsonBody(request(text!, json), anything));
      expect(error).toMatchObject({ status: 400, details: { errors: [{ path }] } });
    }
    // An escaped backslash before u0000 is text, and an escaped pair is one whole character.
    await expect(readJsonBody(request('{"name":"\\\\u0000"}', json), anything)).resolves.toEqual({
      name: '\\u0000',
    });
    await expect(readJsonBody(request('"\\ud83d\\ude00"', json), anything)).resolves.toBe('😀');
  });

  it('counts nesting in the text, ignoring brackets inside strings', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    await expect(readJsonBody(request(nested(64), json), anything)).resolves.toBeInstanceOf(Array);
    for (const depth of [65, 100_000]) {
      const error = await failure(readJsonBody(request(nested(depth), json), anything));
      expect(error).toMatchObject({
        status: 400,
        message: 'The request body nests deeper than 64 levels',
      });
    }
    const brackets = JSON.stringify({ s: '[{'.repeat(100), t: '\\"[[[' });
    await expect(readJsonBody(request(brackets, json), anything)).resolves.toMatchObject({
      t: '\\"[[[',
    });
  });

  it("refuses malformed JSON with the parser's message", async () => {
    const error = await failure(readJsonBody(request('{"a": }', json), anything));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Malformed JSON: .+/);
  });

  it('lists every field the schema refuses, with its path', async () => {
    const schema = z.object({
      events: z.array(z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) })),
    });
    const body = JSON.stringify({
      events: [
        { type: 1, data: {} },
        { type: 'A', data: 'x' },
      ],
    });
    const error = await failure(readJsonBody(request(body, json), schema));
    expect(error).toMatchObject({ code: 'validation', status: 400 });
    expect((error as ChronicleError).details.errors).toEqual([
      { path: 'events[0].type', message: expect.any(String) as unknown },
      { path: 'events[1].data', message: expect.any(String) as unknown },
    ]);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json;charset="utf-8"', true],
    ['application/merge-patch+json', true],
    ['application/json; charset=iso-8859-1', false],
    ['text/json', false],
    ['text/plain', false],
    ['application/jsonx', false],
    ['multipart/form-data; boundary=x', false],
  ])('%s → %s', (contentType, expected) => {
    expect(isJsonMediaType(contentType)).toBe(expected);
  });
});
