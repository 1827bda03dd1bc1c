import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { removeEmbeddedData, startEmbeddedPostgres } from './embedded';

const asRoot = process.getuid?.() === 0;
const folder = mkdtempSync(path.join(tmpdir(), 'chronicle-closed-'));
const dataDir = path.join(folder, 'data');

afterAll(() => {
  removeEmbeddedData(dataDir);
  rmSync(folder, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('starts from a data directory in a folder only its owner can enter, and leaves it so', async () => {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const sql = postgres(server.url, { max: 1, onnotice: () => {} });
      try {
        await sql`create table kept (word text)`;
        await sql`insert into kept values ('written')`;
        expect(await sql`select word from kept`).toEqual([{ word: 'written' }]);
      } finally {
        await sql.end();
      }
    } finally {
      await server.stop();
    }
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const inside = server.databaseDir.startsWith(folder + path.sep);
    // Root runs PostgreSQL as "postgres", which cannot enter the folder: its files go elsewhere.
    expect(inside).toBe(!asRoot);
    expect(statSync(path.join(server.databaseDir, 'PG_VERSION')).isFile()).toBe(true);
    removeEmbeddedData(dataDir);
    expect(existsSync(server.databaseDir)).toBe(false);
  });
});
