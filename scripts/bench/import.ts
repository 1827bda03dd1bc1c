import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { connect } from '../../db/client';
import { createChronicle } from '../../lib/chronicle';
import { importLegacy } from '../../lib/legacy/import-legacy';
import { rollbackImport } from '../../lib/legacy/rollback-import';
import { generateMasterKeyText, loadMasterKey } from '../../lib/personal/master-key';
import { databaseUrl } from '../../test/database-url';
import { checkpoint } from './database';
import { median, round } from './measure';
import { actor } from './targets';

const FIXTURE = path.resolve(import.meta.dirname, '../../lib/legacy/fixtures/research-legacy.sql');

/** The legacy sample in a database of its own on the bench's server, dropped afterwards. */
async function legacyDatabase(adminUrl: string) {
  const name = `chronicle_bench_legacy_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = databaseUrl(adminUrl, name);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(await readFile(FIXTURE, 'utf8')).finally(() => sql.end());
  return {
    url,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * The legacy import of the sample (read, plan, write through the aggregates, validate against
 * the rebuilt states), then its rollback, once per round: events/s counts the events written
 * over the whole import's time. The pre-import backup is left out (the backup suite's figure).
 */
export async function benchmarkImport(adminUrl: string, storeUrl: string, rounds: number) {
  const legacy = await legacyDatabase(adminUrl);
  const db = connect({ url: storeUrl, applicationName: 'chronicle-bench' });
  const chronicle = createChronicle({ db, masterKey: loadMasterKey(generateMasterKeyText()) });
  try {
    const imports: number[] = [];
    const rollbacks: number[] = [];
    let events = 0;
    let streams = 0;
    for (let r = 1; r <= rounds; r++) {
      process.stderr.write(`round ${r}/${rounds} legacy-import\n`);
      await checkpoint(storeUrl);
      let startedAt = performance.now();
      const report = await importLegacy({ chronicle, actor, from: legacy.url });
      const seconds = (performance.now() - startedAt) / 1000;
      if (!report.clean)
        throw new Error('the bench import is not clean: see npm run import:legacy');
      events = report.events.written;
      streams = report.streams.new;
      imports.push(events / seconds);
      startedAt = performance.now();
      await rollbackImport({ chronicle, actor, importId: report.importId });
      rollbacks.push(performance.now() - startedAt);
    }
    return [
      {
        workload: 'legacy-import',
        events,
        streams,
        eventsPerSec: Math.round(median(imports)),
        rollbackMs: round(median(rollbacks), 1),
      },
    ];
  } finally {
    await db.$client.end({ timeout: 5 });
    await legacy.drop();
  }
}
