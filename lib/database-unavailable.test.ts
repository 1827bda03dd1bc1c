import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { closedPort } from '@/test/closed-port';
import { ChronicleError } from '@/lib/errors';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises what postgres.js throws for a server that is not there', async () => {
    const sql = postgres(`postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, {
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const error = await sql`select 1`.then(
      () => undefined,
      (e: unknown) => e,
    );
    await sql.end({ timeout: 1 });
    expect(error).toBeDefined();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each(['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '08006', '57P01', '53300'])(
    'recognises %s',
    (code) => {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    },
  );

  it('looks inside AggregateError and cause', () => {
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toBe(
      true,
    );
  });

  it('does not take bugs or refusals for an outage', () => {
    for (const error of [
      withCode('23505'),
      withCode('42P01'),
      new TypeError('x is undefined'),
      new ChronicleError('validation', 'bad'),
      'ECONNREFUSED',
      null,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
