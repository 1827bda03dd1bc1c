import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { losesPrecision, scanJsonText } from './json-text';

describe('losesPrecision', () => {
  it.each([
    ['999999999999999', false],
    ['-999999999999999', false],
    ['9007199254740992', false],
    ['9007199254740993', true],
    ['-9007199254740993', true],
    ['12345678901234567890', true],
    ['0', false],
    ['-0', false],
    ['1.5', false],
    ['0.10000000000000000001', true],
    ['1e400', true],
    ['1e2', false],
  ])('%s → %s', (token, expected) => {
    expect(losesPrecision(token)).toBe(expected);
  });
});

/** The number tokens of a value, in document order, and how deep its arrays and objects nest. */
function walk(value: unknown, depth = 0): { numbers: string[]; depth: number } {
  if (typeof value === 'number') return { numbers: [JSON.stringify(value)], depth };
  if (value === null || typeof value !== 'object') return { numbers: [], depth };
  const parts = Object.values(value).map((child) => walk(child, depth + 1));
  return {
    numbers: parts.flatMap((part) => part.numbers),
    depth: Math.max(depth + 1, ...parts.map((part) => part.depth)),
  };
}

describe('scanJsonText', () => {
  it('visits every number outside strings, in order, and the deepest nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const numbers: string[] = [];
        let deepest = 0;
        const whole = scanJsonText(JSON.stringify(value), {
          depth: (depth) => ((deepest = Math.max(deepest, depth)), true),
          number: (token) => (numbers.push(token), true),
        });
        expect(whole).toBe(true);
        expect({ numbers, depth: deepest }).toEqual(walk(value));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a quote after an escaped backslash ends the string', String.raw`["a\\", 1]`, ['1']],
    ['an escaped quote does not', String.raw`["a\" 2 [", 3]`, ['3']],
    ['three backslashes escape it', String.raw`["\\\"4", 5]`, ['5']],
    ['digits and brackets in keys are skipped', '{"6[{":7}', ['7']],
    ['an unterminated string hides the rest', '["8, 9]', []],
  ])('%s', (_case, text, expected) => {
    const numbers: string[] = [];
    scanJsonText(text, { number: (token) => (numbers.push(token), true) });
    expect(numbers).toEqual(expected);
  });

  it('stops at the first visitor that answers false', () => {
    const seen: string[] = [];
    const whole = scanJsonText('[1, [2, [3]], 4]', {
      depth: (depth) => depth <= 2,
      number: (token) => (seen.push(token), true),
    });
    expect(whole).toBe(false);
    expect(seen).toEqual(['1', '2']);
  });
});
