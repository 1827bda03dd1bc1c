import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { connect } from '../db/client';
import { systemActor } from '../lib/actor';
import { auditEvent } from '../lib/audit/audit-event';
import { createAuditTrail } from '../lib/audit/audit-trail';
import { createEventStore } from '../lib/event-store';
import { writeBackup } from '../lib/backup/write-backup';
import { env } from '../lib/env';
import { localSigningKeyPem } from '../lib/integrity/key-file';
import { loadSigningKey } from '../lib/integrity/signing-key';
import { runCli, withCliDatabase } from './cli-database';
import { megabytes, perSecond, stderrProgress } from './cli-progress';

const USAGE =
  'npm run backup -- --out FILE\n' +
  'Writes a consistent backup of DATABASE_URL (or the embedded database) while it keeps serving; ' +
  'the manifest is signed with CHRONICLE_SIGNING_KEY when one is configured.';

runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new Error(USAGE);
  const out = values.out;
  const config = env();
  const pem =
    config.CHRONICLE_SIGNING_KEY ??
    (config.DATABASE_URL ? undefined : localSigningKeyPem(config.CHRONICLE_DATA_DIR));
  const signingKey = pem ? loadSigningKey(pem) : null;
  await withCliDatabase(async (url, where) => {
    const db = connect({ url, max: 1, applicationName: 'chronicle-backup' });
    const progress = stderrProgress();
    const startedAt = performance.now();
    try {
      const manifest = await writeBackup({
        sql: db.$client,
        out,
        onProgress: progress.onProgress,
        signingKey,
      });
      progress.done();
      await createAuditTrail({ store: createEventStore({ db }) }).record(
        auditEvent({ actor: systemActor }, 'BackupTake', 'succeeded', path.basename(out), {
          events: manifest.events,
          streams: manifest.streams.count,
          root: manifest.streams.root,
          signedBy: manifest.signature?.keyId ?? null,
        }),
      );
      const bytes = manifest.sections.reduce((sum, section) => sum + section.bytes, 0);
      const seconds = (performance.now() - startedAt) / 1000;
      console.log(
        `Backup of ${where} written to ${out}: ${manifest.events} events in ${manifest.streams.count} streams, ` +
          `${megabytes(bytes)} of data (${megabytes((await stat(out)).size)} compressed) in ${seconds.toFixed(1)} s, ` +
          `${perSecond(bytes / 1e6, startedAt).toFixed(1)} MB/s.\n` +
          `Streams' Merkle root ${manifest.streams.root}; ` +
          (manifest.signature
            ? `signed by key ${manifest.signature.keyId}.`
            : 'not signed (no signing key configured).'),
      );
    } finally {
      await db.$client.end();
    }
  });
});
