import fc from 'fast-check';
import { SESSION_COOKIE } from '@/lib/auth/cookie-name';
import { AUDITOR_TOKEN, OPERATOR_TOKEN, TEST_TOKEN } from '@/test/api';
import { broken, oddParameter, oddString } from './bad-input';
import { DeepArray, jsonText, LongString, RawToken, type FuzzJson } from './json-text';
import { valueOf, type Components, type JsonSchema } from './schema-values';

export type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema };

/** One operation of the OpenAPI document, as the fuzz walks it. */
export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
};

/** Kept small so that a failing case prints whole: long parts are made when the request is. */
export type BodySpec = {
  contentType: string | null;
  /** Written as JSON text when the request is made (a RawToken for text that is not JSON). */
  json: FuzzJson;
  /** Bytes that are not UTF-8, put in after this many characters of the text. */
  bytes?: { at: number; values: number[] };
  /** Spaces after the text (still valid JSON), to pass the size limit without a long string. */
  padding?: number;
};

export type RequestSpec = {
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: BodySpec;
};

const latin1 = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((code) => code !== 0x7f)
  .map((code) => String.fromCharCode(code));
const headerText = fc.string({ unit: latin1, minLength: 1, maxLength: 60 }).map((s) => s.trim());

const authorization = fc.oneof(
  { weight: 40, arbitrary: fc.constant({ authorization: `Bearer ${TEST_TOKEN}` }) },
  { weight: 2, arbitrary: fc.constant({ authorization: `Bearer ${AUDITOR_TOKEN}` }) },
  { weight: 2, arbitrary: fc.constant({ authorization: `Bearer ${OPERATOR_TOKEN}` }) },
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        'bearer chr_',
        `Bearer ${'x'.repeat(9000)}`,
      )
      .map((value) => ({ authorization: value })),
  },
  { weight: 1, arbitrary: headerText.map((value) => ({ authorization: `Bearer ${value}` })) },
  { weight: 1, arbitrary: headerText.map((value) => ({ cookie: `${SESSION_COOKIE}=${value}` })) },
);

const extraHeaders = fc.record(
  {
    'x-request-id': headerText,
    'last-event-id': fc.oneof(headerText, fc.constantFrom('1e308', '-1', '9007199254740993')),
    'x-forwarded-for': headerText,
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
    origin: fc.constantFrom('http://localhost', 'https://evil.example', 'null'),
  },
  { requiredKeys: [] },
);

/** Known ids and names, so that well-formed requests sometimes reach a resource that exists. */
export type Known = string[];

/**
 * A well-formed request has the shape the document gives and the bootstrap token, so that it
 * gets past validation to the code behind; a wild one is anything the generators make.
 */
type Fuzz = { components: Components; known: Known; wild: boolean };

/** Text for a path parameter, or the texts of a query parameter (an array repeats its key). */
function parameterTexts(parameter: Parameter, { components, known, wild }: Fuzz, inPath: boolean) {
  const valid = valueOf(parameter.schema, components).map((value) =>
    (Array.isArray(value) ? value : [value]).map((item) =>
      typeof item === 'string' ? item : JSON.stringify(item),
    ),
  );
  // Mostly valid even when wild, so that one odd value is often the only fault of a request.
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: inPath ? 3 : wild ? 1 : 0, arbitrary: fc.constantFrom(...known).map((id) => [id]) },
    {
      weight: wild ? 2 : 0,
      arbitrary: fc.array(oddParameter, { minLength: 1, maxLength: 2 }),
    },
  );
}

function querySpec(operation: Operation, fuzz: Fuzz) {
  const documented = operation.parameters.filter((p) => p.in === 'query');
  const entries = documented.map((parameter) =>
    fc
      .option(parameterTexts(parameter, fuzz, false), { freq: 2, nil: undefined })
      .map((values) => (values ?? []).map((value): [string, string] => [parameter.name, value])),
  );
  const unknown = fc.array(fc.tuple(fc.oneof(oddString, fc.constant('limit')), oddParameter), {
    maxLength: fuzz.wild ? 2 : 0,
  });
  return fc
    .tuple(fc.tuple(...entries), unknown)
    .map(([known, extra]) => [...known.flat(), ...extra]);
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
];
const OTHER_TYPES = [
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/jsonx',
  'json',
  '',
];

const INVALID_JSON = [
  '{',
  '}',
  '[',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  'NaN',
  '\ufeff{}',
  'nul',
  '"',
  '{"a":1}{"b":2}',
  '{"a":"\\x"}',
];

/** Bytes that are never UTF-8: a stray continuation, overlong forms, an encoded surrogate, a cut. */
const NOT_UTF8 = [
  [0xff],
  [0x80],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
];

function bodySpec(operation: Operation, { components, wild }: Fuzz) {
  const valid: fc.Arbitrary<FuzzJson> = operation.body
    ? valueOf(operation.body, components)
    : fc.constant({});
  if (!wild) {
    const json = fc.record({ contentType: fc.constant('application/json'), json: valid });
    return operation.body ? json : fc.constant(undefined);
  }
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
    { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) },
  );
  const json = fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 6, arbitrary: broken(valid) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON).map((text) => new RawToken(text)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid.map(jsonText), fc.nat())
        .map(([text, at]) => new RawToken(text.slice(0, at % (text.length + 1)))),
    },
  );
  const sized = fc.oneof(
    { weight: 12, arbitrary: fc.record({ contentType, json }) },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType,
        json,
        bytes: fc.record({ at: fc.nat(), values: fc.constantFrom(...NOT_UTF8) }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ contentType, json, padding: fc.constantFrom(1_048_577, 2_000_000) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType,
        json: fc.constantFrom<FuzzJson>(
          { events: [{ type: 'Big', data: { s: new LongString(1_100_000) } }] },
          {
            events: [
              { type: 'Many', data: {} },
              new RawToken(',{"type":"A","data":{}}'.repeat(1000).slice(1)),
            ],
          },
          { events: [{ type: 'Deep', data: { d: new DeepArray(65) } }] },
          { events: [{ type: 'N', data: { n: new RawToken('1e400') } }] },
        ),
      }),
    },
  );
  // A route without a documented body is still sent one at times, and one with a body none.
  return operation.body
    ? fc.option(sized, { freq: 12, nil: undefined })
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: sized });
}

function oneRequest(operation: Operation, fuzz: Fuzz): fc.Arbitrary<RequestSpec> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const params = fc.record(
    Object.fromEntries(
      pathParameters.map((parameter) => [
        parameter.name,
        parameterTexts(parameter, fuzz, true).map(([first]) => first ?? ''),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const headers = fuzz.wild
    ? fc.tuple(authorization, extraHeaders).map(([auth, extra]) => ({ ...extra, ...auth }))
    : fc.constant({ authorization: `Bearer ${TEST_TOKEN}` });
  return fc.record({
    params,
    query: querySpec(operation, fuzz),
    headers,
    // Fetch refuses a GET with a body, and so does Next: such a request never reaches a handler.
    body: operation.method === 'get' ? fc.constant(undefined) : bodySpec(operation, fuzz),
  });
}

/** Requests for one operation: a third well-formed, the rest wild. */
export function requestSpec(
  operation: Operation,
  components: Components,
  known: Known,
): fc.Arbitrary<RequestSpec> {
  return fc.oneof(
    { weight: 1, arbitrary: oneRequest(operation, { components, known, wild: false }) },
    { weight: 2, arbitrary: oneRequest(operation, { components, known, wild: true }) },
  );
}

function bodyBytes({ json, bytes, padding }: BodySpec): Uint8Array<ArrayBuffer> {
  const text = jsonText(json);
  if (bytes) {
    const at = bytes.at % (text.length + 1);
    return new Uint8Array(
      Buffer.concat([
        Buffer.from(text.slice(0, at), 'utf8'),
        Buffer.from(bytes.values),
        Buffer.from(text.slice(at), 'utf8'),
      ]),
    );
  }
  return new Uint8Array(Buffer.from(padding ? text + ' '.repeat(padding) : text, 'utf8'));
}

/**
 * The request as it would reach a route handler: the path's parameters percent-encoded in the
 * URL (a lone surrogate cannot be, so it becomes U+FFFD there) and given decoded to the handler,
 * as Next gives them.
 */
export function toRequest(operation: Operation, spec: RequestSpec): Request {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent((spec.params[name] ?? '').toWellFormed()),
  );
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [key, value] of spec.query) url.searchParams.append(key, value);
  const headers = new Headers(spec.headers);
  const { body } = spec;
  if (body?.contentType != null) headers.set('content-type', body.contentType);
  return new Request(url, {
    method: operation.method.toUpperCase(),
    headers,
    body: body ? bodyBytes(body) : undefined,
  });
}
