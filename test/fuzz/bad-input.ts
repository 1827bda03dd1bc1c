import fc from 'fast-check';
import { DeepArray, LongString, RawToken, type FuzzJson } from './json-text';

/** Characters that have broken parsers, databases and terminals. */
const ODD_CHARACTERS = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u0000',
  '\u0001',
  '\u007f',
  '\u202e', // right-to-left override
  '\u200f', // right-to-left mark
  '\u200b', // zero-width space
  '\ufeff', // byte order mark
  '\uffff',
  '\u2028',
  '\u0085',
  'e\u0301\u0302\u0303\u0304', // combining marks
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u{10ffff}',
  '%',
  '%00',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80', // a surrogate, percent-encoded
  '..',
  '/',
  '\\',
  '$',
  '"',
  "'",
  '<script>',
  '${x}',
  "' or 1=1 --",
];

export const oddString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...ODD_CHARACTERS),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** Number tokens a JSON parser or a database reads differently from what was meant. */
const NUMBER_TOKENS = [
  '1e308',
  '-1e308',
  '1e309',
  '-0',
  '-0.0',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '9007199254740993',
  '9007199254740992',
  '4294967296',
  '2147483648',
  '-2147483649',
  '1e400',
  '1e-400',
  '0.10000000000000000001',
  '123456789012345678901234567890',
  '1.5',
  '-1',
  '1E2',
];

/** Text a query or path parameter meant to hold a number (or anything) might get instead. */
const ODD_PARAMETERS = [
  ...NUMBER_TOKENS,
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b1',
  '1_000',
  ' 1',
  '1 ',
  '+1',
  '01',
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '1,2',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '10000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01',
];

export const oddParameter: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_PARAMETERS) },
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 20_000 }).map((n) => 'a'.repeat(n)) },
);

export const oddNumber: fc.Arbitrary<FuzzJson> = fc.oneof(
  fc.constantFrom(...NUMBER_TOKENS).map((text) => new RawToken(text)),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31, -1, 0.5, 1e21),
);

/** A value of any wrong kind, for any place in a body. */
export const wrongValue: fc.Arbitrary<FuzzJson> = fc.oneof(
  oddNumber,
  oddString,
  fc.constantFrom<FuzzJson>(null, true, false, [], {}, '', [null], { '': null }),
  fc.constantFrom('NaN', 'Infinity', '1e308', '-0', '2**63'),
  fc.integer({ min: 1000, max: 1_200_000 }).map((length) => new LongString(length)),
  fc.constantFrom(10, 63, 65, 1000, 100_000).map((depth) => new DeepArray(depth)),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<FuzzJson>,
);

type Path = (string | number)[];

function pathsOf(value: FuzzJson, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    const members = Object.entries(value as Record<string, FuzzJson>);
    return [at, ...members.flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  }
  return [at];
}

function edit(value: FuzzJson, path: Path, change: (node: FuzzJson) => FuzzJson | undefined) {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    FuzzJson
  >;
  const next = edit(copy[head]!, rest, change);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else {
    copy[head] = next;
  }
  return copy as FuzzJson;
}

type Mutation = { kind: 'replace' | 'remove' | 'add'; key: string; replacement: FuzzJson };

function mutate(value: FuzzJson, path: Path, { kind, key, replacement }: Mutation): FuzzJson {
  const changed = edit(value, path, (node) => {
    if (kind === 'replace' || path.length === 0) return kind === 'remove' ? {} : replacement;
    if (kind === 'remove') return undefined;
    if (node !== null && typeof node === 'object' && node.constructor === Object) {
      return { ...(node as object), [key]: replacement };
    }
    return replacement;
  });
  return changed ?? null;
}

/**
 * A well-shaped value broken in one to three places: a member or item replaced by a wrong value,
 * removed (a required field missing), or joined by an unknown member.
 */
export function broken(valid: fc.Arbitrary<FuzzJson>): fc.Arbitrary<FuzzJson> {
  const mutation = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('replace', 'remove', 'add'),
    key: fc.oneof(
      fc.constantFrom('extra', '__proto__', 'constructor', 'expectedVersion'),
      oddString,
    ),
    replacement: wrongValue,
    at: fc.nat(),
  });
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) =>
      mutations.reduce((current, { at, ...change }) => {
        const paths = pathsOf(current);
        return mutate(current, paths[at % paths.length]!, change);
      }, value),
    );
}
