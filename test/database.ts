import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, type Database } from '../db/client';
import { createEventStore, type EventStore } from '../lib/event-store';
import type { EventRegistry } from '../lib/event-store/registry';
import { databaseUrl } from './database-url';

export type TestDatabase = { url: string; db: Database; store: EventStore; name: string };

/**
 * A fresh, migrated database for the calling test file. The run's global teardown drops every
 * database of the run (hooks registered from inside `beforeAll` never run).
 */
export async function createTestDatabase({
  registry,
  max = 40,
}: { registry?: EventRegistry; max?: number } = {}): Promise<TestDatabase> {
  const name = `${inject('databasePrefix')}${randomBytes(6).toString('hex')}`;
  const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
      break;
    } catch (error) {
      // Two files cloning the template at the same moment can collide; go again.
      if (attempt > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(inject('adminUrl'), name);
  const db = connect({ url, max });
  const store = createEventStore({ db, registry });
  await admin.end();
  return { url, db, store, name };
}

/**
 * Another app process on a test's database: its own pool and store, which learns of the
 * test's appends only through PostgreSQL (and the test's store of its own). The caller ends it.
 */
export function anotherProcess(
  t: TestDatabase,
  options: { max?: number; applicationName?: string } = {},
): { db: Database; store: EventStore } {
  const db = connect({
    url: t.url,
    max: options.max ?? 4,
    applicationName: options.applicationName,
  });
  return { db, store: createEventStore({ db }) };
}

export const admin = { id: 'test-admin', role: 'admin', via: 'token' } as const;
export const operator = { id: 'test-operator', role: 'operator', via: 'token' } as const;
export const auditor = { id: 'test-auditor', role: 'auditor', via: 'token' } as const;

/**
 * `$all` only shows positions below the oldest transaction still open anywhere on the server,
 * and test files run in parallel: wait until `position` is readable before asserting on `$all`.
 */
export async function waitForHorizon(store: EventStore, position: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const page = await store.readAll({ actor: auditor, after: position - 1, limit: 1 });
    if (page.lastPosition >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`position ${position} did not become readable within 5 s`);
}
