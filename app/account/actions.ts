'use server';

import { formFailure, type FormResult } from '@/components/form-result';
import { validationError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { applyCookies } from '../_session/cookies';
import { consoleAction } from '../_session/console-action';

export type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';

/**
 * Changes the signed-in person's password. Their other sessions end; this one goes on with a
 * new cookie. Passwords appear in no answer, log or audit event.
 */
export async function changePassword(
  values: Record<PasswordField, string>,
): Promise<FormResult<null, PasswordField>> {
  return consoleAction(
    { action: 'PasswordChange', role: 'auditor' },
    async ({ actor, headers, audit }) => {
      audit.target(`user:${actor.id}`);
      if (values.newPassword !== values.repeatPassword) {
        throw validationError('The new password and its repetition differ', [
          { path: 'repeatPassword', message: 'differs from the new password' },
        ]);
      }
      const { accounts } = await getChronicle();
      const cookies = await accounts.changePassword(actor, headers, {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      await applyCookies(cookies);
      return null;
    },
    formFailure<PasswordField>,
  );
}
