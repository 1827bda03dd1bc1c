import { describe, expect, it } from 'vitest';
import { losesPrecision } from './json-text';

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
