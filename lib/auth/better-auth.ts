import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin as adminPlugin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { authModels } from '@/db/auth-schema';
import type { Database } from '@/db/client';
import { COOKIE_PREFIX } from './cookie-name';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// The library's own permission checks only guard its HTTP endpoints, which Chronicle does not
// mount; roles are checked in lib/ (lib/actor.ts). Its admin plugin gives users a role, and
// refuses sign-in to a disabled (banned) user.
const ac = createAccessControl({ ...defaultStatements });
const roles = {
  auditor: ac.newRole({}),
  operator: ac.newRole({}),
  admin: ac.newRole({ ...adminAc.statements }),
};

export type AuthOptions = {
  db: Database;
  secret: string;
  /** Whether cookies are marked Secure (served over TLS). */
  secureCookies: boolean;
  sessionSeconds: number;
};

/**
 * Accounts, passwords and sessions (better-auth, in our database). Used only through its server
 * API from lib/auth: sign-in, sessions and rate limits go through Chronicle's own checks.
 */
export function createBetterAuth({ db, secret, secureCookies, sessionSeconds }: AuthOptions) {
  return betterAuth({
    appName: 'Chronicle',
    secret,
    baseURL: secureCookies ? 'https://chronicle.invalid' : 'http://chronicle.invalid',
    database: drizzleAdapter(db, { provider: 'pg', schema: authModels }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: {
      expiresIn: sessionSeconds,
      updateAge: Math.max(60, Math.floor(sessionSeconds / 8)),
      // Off: a disabled user or a changed role must take effect at the next request.
      cookieCache: { enabled: false },
    },
    rateLimit: { enabled: false },
    advanced: { useSecureCookies: secureCookies, cookiePrefix: COOKIE_PREFIX },
    telemetry: { enabled: false },
    logger: { level: 'error' },
    plugins: [adminPlugin({ ac, roles, defaultRole: 'auditor', adminRoles: ['admin'] })],
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
