import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { databaseUrl } from '@/test/database-url';
import { generateSigningKeyPem } from '../lib/integrity/signing-key';

let t: TestDatabase;
let dir: string;
const signingKey = generateSigningKeyPem();

beforeAll(async () => {
  t = await createTestDatabase();
  for (let i = 0; i < 20; i++) {
    await t.store.append({
      actor: operator,
      streamId: `cli-${i % 4}`,
      events: [{ type: 'Ran', data: { i } }],
    });
  }
  dir = await mkdtemp(path.join(tmpdir(), 'chronicle-cli-'));
});

async function emptyDatabaseUrl(): Promise<string> {
  const name = `${inject('databasePrefix')}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const server = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database ${name}`);
  await server.end();
  return databaseUrl(inject('adminUrl'), name);
}

/** `npm run <script> -- args` against `url`: its exit code and output. */
function run(script: 'backup' | 'restore', url: string, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          CHRONICLE_SIGNING_KEY: signingKey,
          LOG_LEVEL: 'silent',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run backup and npm run restore', () => {
  it('back up, restore into an empty database, and refuse what they must with their exit codes', async () => {
    const file = path.join(dir, 'cli.backup.gz');
    const backup = await run('backup', t.url, '--out', file);
    expect(backup.stderr).toMatch(/MB\/s/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/20 events in 4 streams.*MB\/s[\s\S]*signed by key [0-9a-f]{16}/);

    const [taken] = await t.db.$client<{ n: number }[]>`
      select count(*)::int as n from audit_outbox where event ->> 'type' = 'BackupTake'`;
    expect(taken!.n).toBe(1);

    const target = await emptyDatabaseUrl();
    const restore = await run('restore', target, '--from', file);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      /20 events in 4 streams, every chain verified.*MB\/s[\s\S]*signature by key/,
    );

    const again = await run('restore', target, '--from', file);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(
      /Restore refused \(not-empty\): the database already holds events/,
    );

    const cut = path.join(dir, 'cut.gz');
    const bytes = await readFile(file);
    await writeFile(cut, bytes.subarray(0, bytes.length - 40));
    const damaged = await run('restore', await emptyDatabaseUrl(), '--from', cut);
    expect(damaged.code).toBe(4);
    expect(damaged.stderr).toMatch(/Restore refused \(damaged\)/);

    const rebase = await run('restore', target, '--rebase');
    expect(rebase.code).toBe(0);
    expect(rebase.stdout).toMatch(/Position base of DATABASE_URL is \d+/);

    expect((await run('restore', target)).code).toBe(2);
  });
});
