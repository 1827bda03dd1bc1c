import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { databaseUrl } from './database-url';

const fixture = (name: string) =>
  path.join(import.meta.dirname, '..', 'lib', 'legacy', 'fixtures', name);

/**
 * A fresh legacy database for a test, loaded from the fixtures (the sample, then any extras
 * applied on top); the run's teardown drops it with the others of its prefix.
 */
export async function createLegacyDatabase(...extras: string[]): Promise<string> {
  const name = `${inject('databasePrefix')}legacy_${randomBytes(5).toString('hex')}`;
  const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = databaseUrl(inject('adminUrl'), name);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const file of ['research-legacy.sql', ...extras]) {
      await sql.unsafe(await readFile(fixture(file), 'utf8'));
    }
  } finally {
    await sql.end();
  }
  return url;
}
