'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formFailure, type FormResult } from '@/components/form-result';
import { roles, type Role } from '@/lib/actor';
import type { UserInfo } from '@/lib/auth/accounts';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

export type InviteField = 'email' | 'name' | 'role' | 'password';

const userId = z.string().min(1).max(200);
const userTarget = (id: unknown) => (userId.safeParse(id).success ? `user:${String(id)}` : null);

function parsedUserId(id: unknown): string {
  const parsed = userId.safeParse(id);
  if (!parsed.success) throw validationError('Not a user id');
  return parsed.data;
}

/** An account with a first password, which the admin hands over; never recorded anywhere. */
export async function inviteUser(
  values: Record<InviteField, string>,
): Promise<FormResult<UserInfo, InviteField>> {
  return consoleAction(
    { action: 'UserInvite', role: 'admin' },
    async ({ actor, audit }) => {
      const { accounts } = await getChronicle();
      audit.note({ email: String(values.email).slice(0, 254), role: String(values.role) });
      const user = await accounts.inviteUser(actor, values);
      audit.target(`user:${user.id}`);
      revalidatePath('/users');
      return user;
    },
    formFailure<InviteField>,
  );
}

export async function changeRole(id: string, role: Role): Promise<Result<UserInfo>> {
  return consoleAction(
    { action: 'UserRoleChange', role: 'admin', target: userTarget(id) },
    async ({ actor, audit }) => {
      if (!roles.includes(role)) throw validationError(`Unknown role ${String(role)}`);
      audit.note({ role });
      const user = await (await getChronicle()).accounts.setRole(actor, parsedUserId(id), role);
      revalidatePath('/users');
      return user;
    },
  );
}

/** A disabled user's sessions end at once; enabling lets them sign in again. */
export async function setUserDisabled(id: string, disabled: boolean): Promise<Result<UserInfo>> {
  const disable = disabled === true;
  return consoleAction(
    { action: disable ? 'UserDisable' : 'UserEnable', role: 'admin', target: userTarget(id) },
    async ({ actor }) => {
      const { accounts } = await getChronicle();
      const user = await accounts.setDisabled(actor, parsedUserId(id), disable);
      revalidatePath('/users');
      return user;
    },
  );
}
