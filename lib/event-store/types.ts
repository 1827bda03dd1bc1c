import type { Actor } from '../actor';

export type JsonObject = Record<string, unknown>;

/** `number` is exact (0 = the stream must not exist). */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

export type NewEvent = {
  eventId?: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
  /** Business time; defaults to the commit time. */
  occurredAt?: Date;
};

/**
 * An event for a system stream (the audit trail), kept in `audit_outbox` until it is moved
 * there in a batch; see lib/audit/audit-trail.ts.
 */
export type OutboxEvent = { streamId: string; event: NewEvent };

export type RecordedEvent = {
  eventId: string;
  streamId: string;
  version: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** The personal fields (JSON Pointers into data) whose subject was erased: they read `null`. */
  erasedFields?: string[];
};

export type AppendResult = {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  positions: number[];
};

export type StreamInfo = {
  streamId: string;
  category: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type StreamDetails = StreamInfo & { lastHash: string };

export type WithActor<T> = T & { actor: Actor };
