import type { RecordedEvent, StreamInfo } from './types';

export const isoText = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${column}`;

/**
 * Columns of `events` as `toRecordedEvent` reads them. Times come as the ISO text the API
 * shows (stored at millisecond precision), which spares a Date per time per event on reads.
 */
export const EVENT_COLUMNS = `global_position, stream_id, stream_version, event_id, event_type,
  schema_version, data, metadata, ${isoText('occurred_at')}, ${isoText('recorded_at')}, prev_hash, hash`;

export type EventRow = {
  global_position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
};

/**
 * Columns of `events` with data and metadata as the text PostgreSQL prints for the stored jsonb:
 * what the chain is checked against, and what evidence files carry, never reparsed into doubles.
 */
export const STORED_TEXT_COLUMNS = `global_position, stream_id, stream_version, event_id,
  event_type, schema_version, data::text as data_text, metadata::text as metadata_text,
  ${isoText('occurred_at')}, ${isoText('recorded_at')}, prev_hash, hash`;

export type StoredTextRow = Omit<EventRow, 'data' | 'metadata'> & {
  data_text: string;
  metadata_text: string;
};

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.stream_version,
    position: row.global_position,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type StreamRow = {
  stream_id: string;
  category: string;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export function toStreamInfo(row: StreamRow): StreamInfo {
  return {
    streamId: row.stream_id,
    category: row.category,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
