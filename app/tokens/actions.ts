'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formFailure, type FormResult } from '@/components/form-result';
import { EXPIRY_DAYS, type TokenField } from '@/components/tokens/token-expiry';
import type { CreatedToken, TokenInfo } from '@/lib/auth/tokens';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

const DAY_MS = 24 * 60 * 60 * 1000;

const tokenId = z.string().min(1).max(200);

/**
 * A new API token with a role and an optional lifetime. Its secret is answered once, to the
 * page that shows it; the audit trail records the token's id, name and role, never the secret.
 */
export async function createToken(values: {
  name: string;
  role: string;
  expiresInDays: string;
}): Promise<FormResult<CreatedToken, TokenField>> {
  return consoleAction(
    { action: 'TokenCreate', role: 'admin' },
    async ({ actor, audit }) => {
      const days = values.expiresInDays === '' ? null : Number(values.expiresInDays);
      if (days !== null && !EXPIRY_DAYS.includes(days)) {
        throw validationError('Not a lifetime this form offers', [
          { path: 'expiresAt', message: 'choose one of the lifetimes offered' },
        ]);
      }
      const expiresAt =
        days === null ? undefined : new Date(Date.now() + days * DAY_MS).toISOString();
      audit.note({ name: String(values.name).slice(0, 100), role: String(values.role) });
      const { tokens } = await getChronicle();
      const created = await tokens.create(actor, {
        name: values.name,
        role: values.role as CreatedToken['role'],
        expiresAt,
      });
      audit.target(`token:${created.id}`);
      audit.note({ expiresAt: created.expiresAt });
      revalidatePath('/tokens');
      return created;
    },
    formFailure<TokenField>,
  );
}

/** Refused from the next request on. */
export async function revokeToken(id: string): Promise<Result<TokenInfo>> {
  const parsed = tokenId.safeParse(id);
  return consoleAction(
    {
      action: 'TokenRevoke',
      role: 'admin',
      target: parsed.success ? `token:${parsed.data}` : null,
    },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a token id');
      const revoked = await (await getChronicle()).tokens.revoke(actor, parsed.data);
      audit.note({ name: revoked.name, role: revoked.role });
      revalidatePath('/tokens');
      return revoked;
    },
  );
}
