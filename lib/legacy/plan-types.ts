import type { Agent } from '../domain/agent/state';
import type { Workflow } from '../domain/workflow/state';
import type { LegacyTable } from './read-legacy';

/** The legacy row an event, a refusal or a note comes from. */
export type Source = { table: LegacyTable; key: number };

/** A row that could not be imported, and why; its dependants are refused with it. */
export type Refusal = Source & { reason: string };

/** What the import changed in a row it did import (a time moved, a default filled in). */
export type Note = Source & { note: string };

export type PlannedEvent = {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  metadata: {
    importId: string;
    source: Source;
    correlationId: string;
    causationId?: string;
  };
};

export type PlannedStream =
  | { kind: 'workflow'; streamId: string; source: Source; events: PlannedEvent[]; state: Workflow }
  | { kind: 'agent'; streamId: string; source: Source; events: PlannedEvent[]; state: Agent };

export type ImportPlan = {
  streams: PlannedStream[];
  refused: Refusal[];
  notes: Note[];
};

/** An event before its time is settled: `at` may still move forward (see inTimeOrder). */
export type Draft = {
  kind: string;
  type: string;
  data: Record<string, unknown>;
  at: Date;
  source: Source;
  causedBy?: Draft;
  /** The id of the act the event belongs to: its workflow's creation. */
  correlationId?: string;
  /** A step's events on its agent's stream, caused by this one. */
  agentSide?: Draft[];
};
