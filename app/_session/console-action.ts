import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { assertRole, type Actor, type Role } from '@/lib/actor';
import {
  auditEvent,
  type AuditAction,
  type AuditEvent,
  type RequestInfo,
} from '@/lib/audit/audit-event';
import { env } from '@/lib/env';
import { ChronicleError, isChronicleError } from '@/lib/errors';
import { isSameOrigin } from '@/lib/http/origin';
import { logger } from '@/lib/logger';
import { noteWrite } from '@/lib/runtime';
import { auditOutcomeOf, recordAudit } from './audit';
import { currentActor, requestInfo } from './session';

export const SESSION_ENDED = 'Your session has ended; sign in again';
export const FOREIGN_ORIGIN = 'This request did not come from a page of this console';

type Detail = Record<string, unknown>;

/** What an act tells the audit trail; the record itself is written once, by the wrapper. */
export type ActionAudit = {
  /** What the act was done to, once it is known (a new user's id). */
  target: (target: string | null) => void;
  /** More for the record (never a secret). */
  note: (detail: Detail) => void;
  /** The success record, for an act that appends it in its own transaction. */
  inTransaction: (detail?: Detail) => AuditEvent;
};

export type ActionContext = {
  actor: Actor;
  request: RequestInfo;
  headers: Headers;
  audit: ActionAudit;
};

export type ActionSpec = {
  action: AuditAction;
  /** The least role allowed; lib checks it again. */
  role: Role;
  target?: string | null;
};

type Failure = { ok: false; error: string };

/**
 * Every console server action runs through here: the request must come from a page of this
 * site (its Origin), be signed in and have the role; then the act runs, and exactly one audit
 * event records how it went, unless the act wrote its success in its own transaction. Errors
 * the user can act on come back as messages; `explain` adds what a form needs (field errors,
 * a conflict) to those; anything else is logged and answered with a generic message.
 */
export async function consoleAction<T, Extra extends object = Record<never, never>>(
  spec: ActionSpec,
  act: (context: ActionContext) => Promise<T>,
  explain?: (error: ChronicleError, context: ActionContext) => Promise<Extra> | Extra,
): Promise<{ ok: true; data: T } | (Failure & Partial<Extra>)> {
  const given = await headers();
  const request = await requestInfo();
  const log = logger().child({ requestId: request.requestId, action: spec.action });
  if (!isSameOrigin(given, env().CHRONICLE_PUBLIC_URL)) {
    log.warn({ origin: given.get('origin') }, 'server action refused: foreign or missing Origin');
    return { ok: false, error: FOREIGN_ORIGIN };
  }
  const actor = await currentActor();
  if (!actor) return { ok: false, error: SESSION_ENDED };

  let target = spec.target ?? null;
  let detail: Detail = {};
  let recordedInTransaction = false;
  const context: ActionContext = {
    actor,
    request,
    headers: given,
    audit: {
      target: (value) => {
        target = value;
      },
      note: (extra) => {
        detail = { ...detail, ...extra };
      },
      inTransaction: (extra) => {
        recordedInTransaction = true;
        return auditEvent({ actor, request }, spec.action, 'succeeded', target, {
          ...detail,
          ...extra,
        });
      },
    },
  };
  const record = (outcome: 'succeeded' | 'failed' | 'refused', extra: Detail = {}) =>
    recordAudit(
      auditEvent({ actor, request }, spec.action, outcome, target, { ...detail, ...extra }),
    );

  try {
    assertRole(actor, spec.role);
    const data = await act(context);
    noteWrite(actor);
    if (!recordedInTransaction) await record('succeeded');
    return { ok: true, data };
  } catch (error) {
    unstable_rethrow(error);
    const { outcome, code } = auditOutcomeOf(error);
    await record(outcome, { code });
    if (isChronicleError(error) && error.status < 500) {
      const extra = explain ? await explain(error, context) : undefined;
      return { ok: false, error: error.message, ...extra };
    }
    log.error({ err: error }, 'server action failed');
    return { ok: false, error: 'This could not be done; the server log has the details' };
  }
}
