import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connect } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { restoreBackup } from '../../lib/backup/restore';
import { writeBackup } from '../../lib/backup/write-backup';
import { createChronicle } from '../../lib/chronicle';
import { generateSigningKeyPem, loadSigningKey } from '../../lib/integrity/signing-key';
import { databaseUrl } from '../../test/database-url';
import { seedAuditorStore } from './auditor';
import { checkpoint, type Server } from './database';
import { round } from './measure';

/**
 * `npm run backup` and `npm run restore` as library calls on a store of `events` events (the
 * auditor suite's mix, plus a 10,000-event workflow with snapshots): MB/s of table data
 * (uncompressed COPY text) and events/s, the restore including its file check, load, chain
 * verification and commit. Its own two databases, without the raw baseline's tables.
 */
export async function benchmarkLifecycle(server: Server, events: number) {
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  const names = [1, 2].map(() => `chronicle_bench_${randomBytes(6).toString('hex')}`);
  const [sourceUrl, targetUrl] = names.map((name) => databaseUrl(server.adminUrl, name)) as [
    string,
    string,
  ];
  const dir = await mkdtemp(path.join(tmpdir(), 'chronicle-bench-'));
  const db = connect({ url: sourceUrl, max: 10, applicationName: 'chronicle-bench' });
  try {
    for (const name of names) await admin.unsafe(`create database ${name}`);
    await runMigrations({ url: sourceUrl });
    const signingKey = loadSigningKey(generateSigningKeyPem());
    const chronicle = createChronicle({ db, signingKey });
    process.stderr.write(`lifecycle: seeding ${events} events\n`);
    const seeded = await seedAuditorStore(chronicle, {
      events,
      streams: Math.max(1, Math.round(events / 20)),
    });
    await checkpoint(sourceUrl);

    const file = path.join(dir, 'bench.backup.gz');
    let began = performance.now();
    const manifest = await writeBackup({ sql: db.$client, out: file, signingKey });
    const backupSeconds = (performance.now() - began) / 1000;
    const dataBytes = manifest.sections.reduce((sum, section) => sum + section.bytes, 0);
    const fileBytes = (await stat(file)).size;

    await checkpoint(sourceUrl);
    began = performance.now();
    // Where the restore's time goes: checking the file and loading it, then verifying chains.
    let verifyingFrom = 0;
    const restored = await restoreBackup({
      url: targetUrl,
      from: file,
      onProgress: ({ phase }) => {
        if (phase === 'verify' && verifyingFrom === 0) verifyingFrom = performance.now();
      },
    });
    const restoreSeconds = (performance.now() - began) / 1000;
    const loadSeconds = (verifyingFrom - began) / 1000;

    const figures = (seconds: number) => ({
      seconds: round(seconds, 2),
      mbPerSec: round(dataBytes / 1e6 / seconds, 1),
      eventsPerSec: Math.round(manifest.events / seconds),
    });
    const size = {
      events: manifest.events,
      streams: manifest.streams.count,
      dataMB: round(dataBytes / 1e6, 1),
      fileMB: round(fileBytes / 1e6, 1),
    };
    return [
      { workload: 'lifecycle-store', ...size, seedEventsPerSec: seeded.seedEventsPerSec },
      {
        workload: 'backup',
        ...size,
        ...figures(backupSeconds),
        signed: Boolean(manifest.signature),
      },
      {
        workload: 'restore',
        ...size,
        ...figures(restoreSeconds),
        checkAndLoadSeconds: round(loadSeconds, 2),
        verifySeconds: round(restoreSeconds - loadSeconds, 2),
        positionBase: restored.positionBase,
      },
    ];
  } finally {
    await db.$client.end({ timeout: 5 });
    await rm(dir, { recursive: true, force: true });
    for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}
