import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type postgres from 'postgres';
import { writeBackup } from '../backup/write-backup';

/** Where the backup taken before an import goes: named for the import, so a rollback finds it. */
export const preImportBackupFile = (dir: string, importId: string) =>
  path.resolve(dir, `pre-import-${importId}.backup`);

/** A backup of the whole store before the import writes anything, the way back if a rollback is refused. */
export async function preImportBackup({
  sql,
  dir,
  importId,
}: {
  sql: postgres.Sql;
  dir: string;
  importId: string;
}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const out = preImportBackupFile(dir, importId);
  await writeBackup({ sql, out });
  return out;
}
