'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auditEvent } from '@/lib/audit/audit-event';
import { localPath } from '@/lib/console/local-path';
import { signInMessage } from '@/lib/console/sign-in-message';
import { env } from '@/lib/env';
import { isChronicleError } from '@/lib/errors';
import { isSameOrigin } from '@/lib/http/origin';
import { logger } from '@/lib/logger';
import { getChronicle } from '@/lib/runtime';
import type { SignInState } from '@/components/auth/sign-in-form';
import { auditOutcomeOf, recordAudit } from '../_session/audit';
import { applyCookies } from '../_session/cookies';
import { FOREIGN_ORIGIN } from '../_session/console-action';
import { requestInfo } from '../_session/session';

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

/**
 * Signs in with e-mail and password, then goes to the page the user came for. Every attempt is
 * on the audit trail with the address tried, never the password.
 */
export async function signIn(_: SignInState, form: unknown): Promise<SignInState> {
  const given = await headers();
  if (!isSameOrigin(given, env().CHRONICLE_PUBLIC_URL)) return { email: '', error: FOREIGN_ORIGIN };
  // A public endpoint: anyone can post anything here, not only the sign-in form.
  if (!(form instanceof FormData)) {
    return { email: '', error: 'Enter your e-mail address and password' };
  }
  const email = text(form.get('email')).trim();
  const request = await requestInfo();
  const target = email.slice(0, 254) || null;
  try {
    const { accounts } = await getChronicle();
    const { actor, cookies } = await accounts.signIn(
      { email, password: text(form.get('password')) },
      { clientAddress: request.clientAddress, userAgent: given.get('user-agent') },
    );
    await applyCookies(cookies);
    await recordAudit(auditEvent({ actor, request }, 'SignIn', 'succeeded', actor.name ?? target));
  } catch (error) {
    const { outcome, code } = auditOutcomeOf(error);
    await recordAudit(auditEvent({ actor: null, request }, 'SignIn', outcome, target, { code }));
    if (!isChronicleError(error) || error.status >= 500) {
      logger().error({ err: error, requestId: request.requestId }, 'sign-in failed');
    }
    return { email, error: signInMessage(error) };
  }
  redirect(localPath(form.get('next')) ?? '/');
}
