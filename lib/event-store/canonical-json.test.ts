import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

/** Random JSON values with the awkward parts: unicode keys, escapes, exponents, -0, nesting. */
function randomJson(depth = 0): unknown {
  const strings = [
    '',
    'plain',
    'é',
    '€',
    '😀',
    'line\nbreak',
    'quote"',
    'back\\slash',
    '\u2028',
    '\u001f',
    'Ω10',
    'a',
    'B',
    '_',
  ];
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  const roll = Math.random();
  if (depth > 4 || roll < 0.3) {
    return pick<unknown>([
      pick(strings),
      Math.random() * 1e6,
      -Math.random(),
      pick([0, -0, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 0.1, 100]),
      Math.floor(Math.random() * 1000),
      true,
      false,
      null,
    ]);
  }
  if (roll < 0.55)
    return Array.from({ length: Math.floor(Math.random() * 4) }, () => randomJson(depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(Math.random() * 5) }, () => [
      pick(strings) + pick(strings),
      randomJson(depth + 1),
    ]),
  );
}

describe('canonicalJson', () => {
  it('agrees with an independent RFC 8785 implementation on 2,000 random values', () => {
    for (let i = 0; i < 2000; i++) {
      const value = randomJson();
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }
  });

  it('is the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,2]},"b":1}',
    );
    expect(canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 })).toBe(
      '{"a":{"c":"x","d":[1,2]},"b":1}',
    );
  });

  it.each([
    ['a NUL character', { s: 'a\u0000' }],
    ['a NUL in a key', { ['k\u0000']: 1 }],
    ['a lone surrogate', ['\ud800']],
    ['a non-finite number', { n: Number.NaN }],
    ['nesting deeper than 64', JSON.parse('['.repeat(65) + ']'.repeat(65)) as unknown],
  ])('refuses %s', (_, value) => {
    expect(canonicalJson(value)).toBeNull();
  });

  it('accepts nesting of exactly 64', () => {
    expect(canonicalJson(JSON.parse('['.repeat(64) + ']'.repeat(64)))).toBe(
      '['.repeat(64) + ']'.repeat(64),
    );
  });
});
