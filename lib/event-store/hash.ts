import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { JsonObject } from './types';

/** The chain starts from this value; docs/integrity.md describes the whole algorithm. */
export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type HashedContent = {
  streamId: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
};

/** SHA-256 of the RFC 8785 (JCS) form of the event's content: stable across the jsonb round trip. */
export function contentHash(content: HashedContent): string {
  return sha256(
    canonicalize({
      streamId: content.streamId,
      eventId: content.eventId,
      type: content.type,
      schemaVersion: content.schemaVersion,
      data: content.data,
      metadata: content.metadata,
    }),
  );
}

/** Must agree with chronicle_append() in drizzle/0001_append_function_and_immutability.sql. */
export function chainHash(link: {
  prevHash: string;
  version: number;
  occurredAtMs: number;
  recordedAtMs: number;
  contentHash: string;
}): string {
  return sha256(
    [link.prevHash, link.version, link.occurredAtMs, link.recordedAtMs, link.contentHash].join('|'),
  );
}
