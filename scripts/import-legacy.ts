/**
 * `npm run import:legacy -- --from postgres://… [--dry-run] [--report FILE] [--timezone ZONE]
 *   [--backup-dir DIR]` imports the legacy research database into the store at DATABASE_URL
 * (docs/legacy-import.md); `--rollback IMPORT_ID` undoes an import. Exit code 0 when the report
 * is clean, 2 when rows were refused or differ, 1 on an error.
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { connect } from '../db/client';
import type { Actor } from '../lib/actor';
import { createChronicle } from '../lib/chronicle';
import { importLegacy } from '../lib/legacy/import-legacy';
import { summarise } from '../lib/legacy/report';
import { rollbackImport } from '../lib/legacy/rollback-import';
import { env } from '../lib/env';
import { configuredMasterKey } from '../lib/runtime';
import { runCli, withCliDatabase } from './cli-database';
import { importProgressBar } from './import-legacy/progress-bar';

const USAGE =
  'Usage: npm run import:legacy -- --from postgres://USER@HOST/DB [--dry-run] [--report FILE] ' +
  '[--timezone ZONE] [--backup-dir DIR]\n   or: npm run import:legacy -- --rollback IMPORT_ID';

/** The import acts as the system, on behalf of whoever runs it: their OS user is on every record. */
const importActor = (): Actor => {
  const user = userInfo().username;
  return { id: `os:${user}`, role: 'admin', via: 'system', name: `legacy import (${user})` };
};

runCli(async () => {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      timezone: { type: 'string', default: 'UTC' },
      'backup-dir': { type: 'string', default: '.data/backups' },
      rollback: { type: 'string' },
    },
  });
  if (!values.from && !values.rollback) throw new Error(USAGE);
  await withCliDatabase(async (url) => {
    const db = connect({ url, applicationName: 'chronicle-import' });
    // Requesters are personal data, sealed under the master key (docs/compliance.md).
    const masterKey = configuredMasterKey(env(), !env().DATABASE_URL);
    if (!masterKey && !values.rollback)
      throw new Error(
        'CHRONICLE_MASTER_KEY is not set: the legacy requesters are personal data, stored encrypted under it (docs/compliance.md)',
      );
    const chronicle = createChronicle({ db, masterKey });
    const actor = importActor();
    try {
      if (values.rollback) {
        const result = await rollbackImport({ chronicle, actor, importId: values.rollback });
        console.log(
          `Rolled back import ${result.importId}: removed ${result.removedEvents} events of ${result.streams} streams` +
            result.replays.map((r) => `; replaying ${r.projection} (${r.replayId})`).join(''),
        );
        return;
      }
      const progress = importProgressBar();
      const report = await importLegacy({
        chronicle,
        actor,
        from: values.from!,
        dryRun: values['dry-run'],
        timezone: values.timezone,
        backupDir: values['backup-dir'],
        onProgress: progress.onProgress,
      }).finally(progress.stop);
      if (values.report) await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
      console.log(summarise(report));
      if (!report.clean) process.exitCode = 2;
    } finally {
      await chronicle.audit.flush();
      await db.$client.end({ timeout: 5 });
    }
  });
});
