import { parseArgs } from 'node:util';
import { connect } from '../db/client';
import { RestoreError, type RestoreRefusal } from '../lib/backup/errors';
import { rebasePositions } from '../lib/backup/position-base';
import { restoreBackup } from '../lib/backup/restore';
import { runCli, withCliDatabase } from './cli-database';
import { megabytes, perSecond, stderrProgress } from './cli-progress';

const USAGE =
  'npm run restore -- --from FILE\n' +
  '  restores a backup (npm run backup) into the empty database DATABASE_URL (or the embedded one)\n' +
  'npm run restore -- --rebase [--above POSITION]\n' +
  '  after a pg_dump was restored into another cluster: lifts the position base above every\n' +
  '  position the database holds (and above POSITION, e.g. the checkpoint of a follower outside it)';

/** Exit codes of a refused restore; 1 is anything unexpected, 2 a wrong command line. */
const EXIT_CODES: Record<RestoreRefusal, number> = {
  'not-empty': 3,
  damaged: 4,
  mismatch: 5,
  'broken-chain': 6,
  incompatible: 7,
};

const { values } = parseArgs({
  options: { from: { type: 'string' }, rebase: { type: 'boolean' }, above: { type: 'string' } },
});
const above = values.above === undefined ? 0 : Number(values.above);
if (Boolean(values.from) === Boolean(values.rebase) || !Number.isSafeInteger(above) || above < 0) {
  console.error(USAGE);
  process.exit(2);
}

runCli(async () => {
  try {
    await withCliDatabase(async (url, where) => {
      if (values.rebase) {
        const db = connect({ url, max: 1 });
        try {
          const base = await rebasePositions(db.$client, above);
          console.log(`Position base of ${where} is ${base}: new events take positions above it.`);
        } finally {
          await db.$client.end();
        }
        return;
      }
      const progress = stderrProgress();
      const startedAt = performance.now();
      const report = await restoreBackup({
        url,
        from: values.from!,
        onProgress: progress.onProgress,
      });
      progress.done();
      const { manifest } = report;
      console.log(
        `Restored ${values.from} (taken ${manifest.createdAt}) into ${where}: ${manifest.events} events in ` +
          `${manifest.streams.count} streams, every chain verified, ${megabytes(report.bytes)} in ` +
          `${((performance.now() - startedAt) / 1000).toFixed(1)} s, ${perSecond(report.bytes / 1e6, startedAt).toFixed(1)} MB/s.\n` +
          `Streams' Merkle root ${manifest.streams.root}` +
          (manifest.signature
            ? `, signature by key ${manifest.signature.keyId} verified`
            : ', unsigned') +
          `; new events take positions from ${report.positionBase} on.`,
      );
    });
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error;
    console.error(`Restore refused (${error.refusal}): ${error.message}`);
    process.exit(EXIT_CODES[error.refusal]);
  }
});
