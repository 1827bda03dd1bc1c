import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type postgres from 'postgres';
import { HORIZON } from '../event-store/read-all';
import type { SigningKey } from '../integrity/signing-key';
import {
  countNewlines,
  END_OF_DATA,
  FORMAT_LINE,
  FORMAT_VERSION,
  signedStatement,
  type BackupManifest,
  type SectionSummary,
} from './format';
import { throttled, type OnProgress } from './progress';
import { streamHeadsRoot } from './stream-heads';
import { backupTables, columnList, ident } from './tables';

export type WriteBackupOptions = {
  /** A pool on the store's database. */
  sql: postgres.Sql;
  /** The file to write; written under a temporary name and renamed when complete. */
  out: string;
  onProgress?: OnProgress;
  /** Signs the manifest when given. */
  signingKey?: SigningKey | null;
};

/** The fastest gzip: event JSON compresses nearly as well at level 1 (measured: 14.4 MB against 14.3 at level 3). */
const GZIP_LEVEL = 1;

/**
 * Writes a backup of the whole store as of one moment while writers keep writing: every table is
 * read in one repeatable-read, read-only transaction, so the file holds exactly the transactions
 * committed before it began (no stream torn, no event without its stream row). Rows stream from
 * COPY through gzip to the file; memory stays flat whatever the store's size.
 */
export async function writeBackup({
  sql,
  out,
  onProgress,
  signingKey,
}: WriteBackupOptions): Promise<BackupManifest> {
  const partial = `${out}.partial`;
  const gzip = createGzip({ level: GZIP_LEVEL, chunkSize: 256 * 1024 });
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  const write = async (chunk: Buffer | string) => {
    if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), written]);
  };
  const report = throttled(onProgress);
  try {
    const manifest = await sql.begin('isolation level repeatable read read only', async (tx) => {
      await write(`${FORMAT_LINE}\n`);
      const [state] = await tx<
        {
          horizon: string;
          max_position: string;
          events: string;
          migrations: string;
          created_at: string;
        }[]
      >`
        select ${tx.unsafe(HORIZON)}::text as horizon,
          coalesce((select max(global_position) from events), 0)::text as max_position,
          (select count(*) from events)::text as events,
          (select count(*) from drizzle.__drizzle_migrations)::text as migrations,
          to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`;
      const sections: SectionSummary[] = [];
      let bytes = 0;
      for (const table of await backupTables(tx)) {
        await write(`${JSON.stringify({ section: table.name, columns: table.columns })}\n`);
        const hash = createHash('sha256');
        let rows = 0;
        let sectionBytes = 0;
        const data = await tx
          .unsafe(`copy (select ${columnList(table.columns)} from ${ident(table.name)}) to stdout`)
          .readable();
        for await (const chunk of data as AsyncIterable<Buffer>) {
          hash.update(chunk);
          rows += countNewlines(chunk);
          sectionBytes += chunk.length;
          bytes += chunk.length;
          await write(chunk);
          report({ phase: 'copy', section: table.name, rows, bytes });
        }
        resumeAfterCopy(data);
        await write(END_OF_DATA);
        report({ phase: 'copy', section: table.name, rows, bytes }, true);
        sections.push({
          section: table.name,
          columns: table.columns,
          rows,
          bytes: sectionBytes,
          sha256: hash.digest('hex'),
        });
      }
      const unsigned: BackupManifest = {
        format: FORMAT_VERSION,
        createdAt: state!.created_at,
        migrations: Number(state!.migrations),
        horizon: Number(state!.horizon),
        maxPosition: Number(state!.max_position),
        events: Number(state!.events),
        streams: await streamHeadsRoot(tx),
        sections,
      };
      return signingKey
        ? {
            ...unsigned,
            signature: {
              keyId: signingKey.keyId,
              publicKey: signingKey.publicKey,
              value: signingKey.sign(signedStatement(unsigned)),
            },
          }
        : unsigned;
    });
    await write(`${JSON.stringify({ manifest })}\n`);
    gzip.end();
    await written;
    await rename(partial, out);
    return manifest;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * postgres.js 3.4.9 pauses its socket when a COPY stream's buffer is full and resumes it when the
 * stream is read again; if the copy ended in that same socket read, nothing resumes it and the
 * connection's next query never answers (porsager/postgres#499, fix pending in #1016). The
 * stream's read hook is what resumes the socket.
 */
function resumeAfterCopy(stream: Readable) {
  stream._read(0);
}
