import { v5 } from 'uuid';
import type { LegacyTable } from './read-legacy';

/** The namespace of every id the import derives (a fixed random UUID), so ids are stable. */
const LEGACY_NAMESPACE = '3f4c1b52-8d0e-4a63-9a57-2f1d6c0e8b94';

/** The event id of one event kind of one legacy row: a re-run derives the same id again. */
export const legacyEventId = (table: LegacyTable, key: number, kind: string) =>
  v5(`${table}:${key}:${kind}`, LEGACY_NAMESPACE);

export const legacyWorkflowId = (key: number) =>
  legacyEventId('research_workflows', key, 'workflow');
export const legacyAgentId = (key: number) => `legacy-${key}`;
export const legacyStepId = (key: number) => `step-${key}`;
