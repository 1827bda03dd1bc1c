import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { JsonObject } from './types';

/** The chain starts from this value; docs/integrity.md describes the whole algorithm. */
export const GENESIS_HASH = '0'.repeat(64);

/** One-shot hashing: a third of the cost of a Hash object for the short texts of events. */
export const sha256 = (text: string) => hash('sha256', text, 'hex');

/**
 * RFC 8785 (JCS) text of `{data, eventId, metadata, schemaVersion, streamId, type}` (keys in
 * JCS order) from the canonical texts of data and metadata: stable across the jsonb round trip.
 */
export function contentJson(content: {
  streamId: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}): string {
  const { streamId, eventId, type, schemaVersion, dataJson, metadataJson } = content;
  return (
    `{"data":${dataJson},"eventId":${JSON.stringify(eventId)},"metadata":${metadataJson},` +
    `"schemaVersion":${schemaVersion},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`
  );
}

/** SHA-256 of the content of a stored event, as the chain covers it. */
export function contentHash(event: {
  streamId: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
}): string {
  const dataJson = canonicalJson(event.data);
  const metadataJson = canonicalJson(event.metadata);
  if (dataJson === null || metadataJson === null) {
    throw new Error(`Event ${event.eventId} holds a value that is not storable JSON`);
  }
  return sha256(contentJson({ ...event, dataJson, metadataJson }));
}

/** Must agree with chronicle_link_hash() in drizzle/0014_link_hash_inlined.sql. */
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

/** The content hash of a row read with its stored texts (rows.ts, STORED_TEXT_COLUMNS). */
export const storedContentHash = (row: {
  stream_id: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data_text: string;
  metadata_text: string;
}) =>
  contentHash({
    streamId: row.stream_id,
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data_text) as JsonObject,
    metadata: JSON.parse(row.metadata_text) as JsonObject,
  });
