import 'server-only';
import { headers } from 'next/headers';
import type { Actor } from '@/lib/actor';
import { auditEvent, type AuditEvent } from '@/lib/audit/audit-event';
import { isChronicleError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { getChronicle } from '@/lib/runtime';
import { requestInfo } from './session';

/**
 * Puts an audit event in the outbox before the answer goes out. A failure to record is logged,
 * not shown: the act itself has happened (or been refused) either way.
 */
export async function recordAudit(event: AuditEvent): Promise<void> {
  try {
    await (await getChronicle()).audit.record(event);
  } catch (error) {
    logger().error({ err: error }, 'audit record failed');
  }
}

/** How an error reads on the audit trail: refused for a role too low, failed otherwise. */
export function auditOutcomeOf(error: unknown) {
  const code = isChronicleError(error) ? error.code : 'internal';
  return { outcome: code === 'forbidden' ? ('refused' as const) : ('failed' as const), code };
}

/**
 * One EventDataRead per page that shows event data. Prefetches are not reads: Next renders
 * pages ahead of a click, and the user may never see them.
 */
export async function recordRead(actor: Actor, target: string): Promise<void> {
  if ((await headers()).has('next-router-prefetch')) return;
  await recordAudit(
    auditEvent({ actor, request: await requestInfo() }, 'EventDataRead', 'succeeded', target),
  );
}
