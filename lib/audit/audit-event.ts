import type { Actor } from '../actor';
import type { OutboxEvent } from '../event-store/types';

/**
 * The acts the audit trail records. Each is the event type of its audit events, in the system
 * streams `$audit-YYYY-MM-DD` (the day of the act, UTC).
 */
export const auditActions = [
  'SignIn',
  'SignOut',
  'PasswordChange',
  'UserInvite',
  'UserRoleChange',
  'UserDisable',
  'UserEnable',
  'TokenCreate',
  'TokenRevoke',
  'StreamAppend',
  'WorkflowCreate',
  'WorkflowCommand',
  'ReplayStart',
  'ReplayCancel',
  'ProjectionFailureRetry',
  'ProjectionFailureSkip',
  'SnapshotCleanup',
  'SnapshotTake',
  'StreamVerify',
  'VerificationCancel',
  'DigestTake',
  'EventsExport',
  'SubjectErase',
  'RetentionChange',
  'LegalHoldChange',
  'RetentionScavenge',
  'ScavengeRequest',
  'StreamTruncate',
  'EventDataRead',
  'BackupTake',
  'BackupRestore',
  'LegacyImport',
  'LegacyImportRollback',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** succeeded: done; failed: tried and did not happen; refused: the caller's role did not allow it. */
export type AuditOutcome = 'succeeded' | 'failed' | 'refused';

/** Where a request came from, as the edge (route wrapper, server action) saw it. */
export type RequestInfo = { requestId: string | null; clientAddress: string | null };

export type AuditData = {
  outcome: AuditOutcome;
  actor: { id: string; role: string; via: string; name?: string } | null;
  target: string | null;
  requestId: string | null;
  clientAddress: string | null;
  /** What else an auditor needs (a command's name, an error's code); never a secret. */
  detail?: Record<string, unknown>;
};

/** An audit event: its `$audit-YYYY-MM-DD` stream (the day of the act, UTC) and the event. */
export type AuditEvent = OutboxEvent & {
  event: { type: AuditAction; data: AuditData; occurredAt: Date };
};

export const AUDIT_CATEGORY = '$audit';
const auditStreamOf = (occurredAt: Date) =>
  `${AUDIT_CATEGORY}-${occurredAt.toISOString().slice(0, 10)}`;

export function auditEvent(
  { actor, request }: { actor: Actor | null; request?: RequestInfo | undefined },
  action: AuditAction,
  outcome: AuditOutcome,
  target: string | null,
  detail?: Record<string, unknown>,
): AuditEvent {
  const occurredAt = new Date();
  const data: AuditData = {
    outcome,
    actor: actor && {
      id: actor.id,
      role: actor.role,
      via: actor.via,
      ...(actor.name === undefined ? {} : { name: actor.name }),
    },
    target,
    requestId: request?.requestId ?? null,
    clientAddress: request?.clientAddress ?? null,
    ...(detail === undefined ? {} : { detail }),
  };
  return { streamId: auditStreamOf(occurredAt), event: { type: action, data, occurredAt } };
}
