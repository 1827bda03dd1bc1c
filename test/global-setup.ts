import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { databaseUrl } from './database-url';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    databasePrefix: string;
  }
}

/**
 * One migrated template database per run; each test file clones it into a database of its own
 * (test/database.ts), so files run in any order, in parallel, and again.
 */
export default async function setup(project: TestProject) {
  let server: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedPostgres({ dataDir: '.data/test' });
    adminUrl = server.url;
  }
  const templateDatabase = `chronicle_template_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${templateDatabase}`);
  await admin.unsafe(`create database ${templateDatabase}`);
  await runMigrations({ url: databaseUrl(adminUrl, templateDatabase) });
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  const databasePrefix = `chronicle_test_${process.pid}_`;
  project.provide('databasePrefix', databasePrefix);
  return async () => {
    const made = await admin<{ datname: string }[]>`
      select datname from pg_database where starts_with(datname, ${databasePrefix})`;
    for (const { datname } of made)
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${templateDatabase} with (force)`);
    await admin.end();
    await server?.stop();
  };
}
