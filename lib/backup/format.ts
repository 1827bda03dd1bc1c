import { canonicalJson } from '../event-store/canonical-json';

/**
 * A backup file is gzip over lines of text: this first line, then per table a JSON header line
 * (`{"section": table, "columns": [...]}`), the table's rows in PostgreSQL's COPY text format
 * (one row a line), and a line `\.`; last, one JSON line `{"manifest": ...}`. A row can never be
 * the line `\.`, since COPY writes a backslash in a value as `\\`.
 */
export const FORMAT_LINE = 'CHRONICLE-BACKUP 1';
export const FORMAT_VERSION = 1;

export type SectionHeader = { section: string; columns: string[] };

export type SectionSummary = SectionHeader & {
  rows: number;
  /** Bytes of COPY text, uncompressed. */
  bytes: number;
  /** SHA-256 (hex) of the section's COPY text. */
  sha256: string;
};

export type BackupManifest = {
  format: number;
  createdAt: string;
  /** Migrations applied to the source database: a restore needs at least as many. */
  migrations: number;
  /** The source's gap-safe horizon in the backup's snapshot: readers had seen nothing at or above it. */
  horizon: number;
  /** The highest event position in the backup (0 without events). */
  maxPosition: number;
  events: number;
  /** Every stream's head (version and hash), as the leaves of a Merkle tree (lib/integrity/merkle.ts). */
  streams: { count: number; root: string };
  sections: SectionSummary[];
  /** Ed25519 over `signedStatement(manifest)`, when the source had a signing key. */
  signature?: { keyId: string; publicKey: string; value: string };
};

/** The text a backup's signature covers: the manifest without its signature, as RFC 8785 JSON. */
export function signedStatement(manifest: BackupManifest): string {
  return `chronicle-backup\n${canonicalJson({ ...manifest, signature: undefined })}`;
}

/** The line that ends a section's rows. */
export const END_OF_DATA = Buffer.from('\\.\n');

const NEWLINE = 0x0a;

/** Rows in a piece of COPY text: COPY writes a newline inside a value as `\n`. */
export function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) count++;
  return count;
}
