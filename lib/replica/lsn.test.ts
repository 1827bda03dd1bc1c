import { describe, expect, it } from 'vitest';
import { parseLsn } from './lsn';

describe('parseLsn', () => {
  it('orders WAL locations as PostgreSQL does, across the 4 GB boundary of the low half', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
  });

  it('refuses anything else', () => {
    expect(() => parseLsn('16B374D848')).toThrow(/not a WAL location/);
    expect(() => parseLsn('1/2/3')).toThrow(/not a WAL location/);
  });
});
