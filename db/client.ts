import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export type ConnectOptions = {
  url: string;
  max?: number;
  applicationName?: string;
  /** Seconds to wait for a connection (postgres.js waits 30 by default). */
  connectTimeout?: number;
};

/**
 * Seconds before a pool connection tries again after failing to connect: 50 ms, doubling, never
 * more than a second. postgres.js's own delay grows as 3^n / 100 s up to 20 s with a count shared
 * by the whole pool, so a pool of ten that failed for the two seconds of a restart waited up to
 * 8 s more before it tried again; a reconnect a second costs the server nothing.
 */
export const reconnectDelaySeconds = (retries: number) =>
  Math.min(0.05 * 2 ** Math.max(retries - 1, 0), 1) * (0.5 + Math.random() / 2);

export function connect({
  url,
  max = 10,
  applicationName = 'chronicle',
  connectTimeout = 30,
}: ConnectOptions): Database {
  const client = postgres(url, {
    max,
    connect_timeout: connectTimeout,
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: { application_name: applicationName },
    // Positions and versions stay below 2^53 by contract, so int8 is safe as a JS number.
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (v: number) => String(v),
        parse: (v: string) => Number(v),
      },
    },
  });
  const db = drizzle({ client, schema });
  // Drizzle makes the shared client return timestamps as text; raw queries in lib/ want Dates.
  // Drizzle's timestamptz columns accept either.
  client.options.parsers[1184] = (value: string) => new Date(value);
  return db;
}
