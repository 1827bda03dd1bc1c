import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { assertRole, roles, type Actor, type Role } from '../actor';
import { ChronicleError, forbidden, notFound, unauthenticated, validationError } from '../errors';
import type { Queryable } from '../event-store/context';
import { parseInput } from '../validate';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type BetterAuth } from './better-auth';
import { hitInDatabase, type Limit } from './rate-limit';

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);
const email = z.email('Enter an e-mail address').max(254).toLowerCase();

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export const inviteSchema = z.strictObject({
  email,
  name: z.string().trim().min(1, 'A name is required').max(200),
  role: z.enum(roles),
  password,
});
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: password,
});

export type UserInfo = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
};

/** Where a sign-in came from: the limits count per address and per account. */
export type SignInRequest = { clientAddress: string | null; userAgent: string | null };

export type SignInLimits = { perAddress: Limit; perAccount: Limit };

/** Set-Cookie header values for the caller to send back. */
export type CookieUpdate = string[];

const isRole = (value: unknown): value is Role => roles.includes(value as Role);

const tooMany = (retryAfterSeconds: number) =>
  new ChronicleError(
    'rate_limited',
    `Too many sign-in attempts; try again in ${retryAfterSeconds} s`,
    {
      retryAfter: retryAfterSeconds,
    },
  );

/**
 * People's accounts: sign-in, sessions, passwords, and the admin's management of users. Every
 * act is checked against the caller's role here; the library does the cryptography and storage.
 */
export function createAccounts({
  auth,
  sql,
  limits,
}: {
  auth: BetterAuth;
  sql: Queryable;
  limits: SignInLimits;
}) {
  const internal = async () => (await auth.$context).internalAdapter;

  async function findUser(userId: string): Promise<UserInfo> {
    const [row] = await sql<
      {
        id: string;
        email: string;
        name: string;
        role: string | null;
        banned: boolean | null;
        created_at: Date;
      }[]
    >`select id, email, name, role, banned, created_at from auth_users where id = ${userId}`;
    if (!row) throw notFound(`User ${userId} does not exist`);
    return toUser(row);
  }

  return {
    /** Signs in with e-mail and password, within the per-address and per-account limits. */
    async signIn(input: unknown, request: SignInRequest) {
      const { email: address, password: secret } = parseInput(signInSchema, input, 'form');
      for (const [key, limit] of [
        [`sign-in:address:${request.clientAddress ?? 'unknown'}`, limits.perAddress],
        [`sign-in:account:${address}`, limits.perAccount],
      ] as const) {
        const { allowed, retryAfterSeconds } = await hitInDatabase(sql, key, limit);
        if (!allowed) throw tooMany(retryAfterSeconds);
      }
      const headers = new Headers();
      if (request.clientAddress) headers.set('x-forwarded-for', request.clientAddress);
      if (request.userAgent) headers.set('user-agent', request.userAgent);
      try {
        const { headers: answer, response } = await auth.api.signInEmail({
          body: { email: address, password: secret },
          headers,
          returnHeaders: true,
        });
        const user = await findUser(response.user.id);
        return { actor: actorOf(user), cookies: answer.getSetCookie() };
      } catch (error) {
        if (error instanceof APIError && error.body?.code === 'BANNED_USER') {
          throw forbidden('This account is disabled; ask an admin');
        }
        if (error instanceof APIError && error.statusCode < 500) {
          throw unauthenticated('The e-mail address or the password is not correct');
        }
        throw error;
      }
    },

    /** The actor of a console session, or null: none, expired, unknown, or a disabled user's. */
    async sessionActor(headers: Headers): Promise<Actor | null> {
      const session = await auth.api.getSession({ headers });
      const { user } = session ?? {};
      if (!user || user.banned || !isRole(user.role)) return null;
      return { id: user.id, role: user.role, via: 'session', name: user.email };
    },

    async signOut(headers: Headers): Promise<CookieUpdate> {
      const { headers: answer } = await auth.api.signOut({ headers, returnHeaders: true });
      return answer.getSetCookie();
    },

    /** Changes the caller's password and ends their other sessions. */
    async changePassword(actor: Actor, headers: Headers, input: unknown): Promise<CookieUpdate> {
      if (actor.via !== 'session')
        throw forbidden('Only a signed-in person can change their password');
      const { currentPassword, newPassword } = parseInput(passwordChangeSchema, input, 'form');
      try {
        const { headers: answer } = await auth.api.changePassword({
          headers,
          body: { currentPassword, newPassword, revokeOtherSessions: true },
          returnHeaders: true,
        });
        return answer.getSetCookie();
      } catch (error) {
        if (error instanceof APIError && error.statusCode < 500) {
          throw validationError('The current password is not correct', [
            { path: 'currentPassword', message: 'not correct' },
          ]);
        }
        throw error;
      }
    },

    async listUsers(actor: Actor): Promise<UserInfo[]> {
      assertRole(actor, 'admin');
      const rows = await sql<
        {
          id: string;
          email: string;
          name: string;
          role: string | null;
          banned: boolean | null;
          created_at: Date;
        }[]
      >`select id, email, name, role, banned, created_at from auth_users order by email limit 1000`;
      return rows.map(toUser);
    },

    /** An account with a first password, which the admin hands over. */
    async inviteUser(actor: Actor, input: unknown): Promise<UserInfo> {
      assertRole(actor, 'admin');
      const user = parseInput(inviteSchema, input, 'form');
      return createUser(auth, user);
    },

    async setRole(actor: Actor, userId: string, role: Role): Promise<UserInfo> {
      assertRole(actor, 'admin');
      if (!isRole(role)) throw validationError(`Unknown role ${String(role)}`);
      if (userId === actor.id && role !== 'admin') {
        throw validationError('An admin cannot take the admin role from themselves');
      }
      await findUser(userId);
      await (await internal()).updateUser(userId, { role });
      return findUser(userId);
    },

    /** A disabled user's sessions end at once and they cannot sign in; enabling undoes it. */
    async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<UserInfo> {
      assertRole(actor, 'admin');
      if (userId === actor.id && disabled)
        throw validationError('An admin cannot disable themselves');
      await findUser(userId);
      const adapter = await internal();
      await adapter.updateUser(userId, {
        banned: disabled,
        banReason: disabled ? 'disabled by an admin' : null,
      });
      if (disabled) await adapter.deleteUserSessions(userId);
      return findUser(userId);
    },

    /**
     * The account of `email` with this role, created with this password if it does not exist:
     * the first admin at start-up, the demo's accounts, `npm run user:create`.
     */
    async ensureUser(
      input: z.input<typeof inviteSchema>,
    ): Promise<{ user: UserInfo; created: boolean }> {
      const user = parseInput(inviteSchema, input, 'user');
      const [existing] = await sql<
        { id: string }[]
      >`select id from auth_users where email = ${user.email}`;
      if (existing) return { user: await findUser(existing.id), created: false };
      return { user: await createUser(auth, user), created: true };
    },
  };
}

async function createUser(
  auth: BetterAuth,
  user: z.output<typeof inviteSchema>,
): Promise<UserInfo> {
  try {
    const { user: created } = await auth.api.createUser({ body: user });
    return toUser({ ...created, banned: false, created_at: created.createdAt });
  } catch (error) {
    if (error instanceof APIError && error.statusCode < 500) {
      throw validationError(`Cannot create ${user.email}: ${error.message}`, [
        { path: 'email', message: error.message },
      ]);
    }
    throw error;
  }
}

function toUser(row: {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  banned?: boolean | null;
  created_at: Date;
}): UserInfo {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'auditor',
    disabled: row.banned === true,
    createdAt: row.created_at.toISOString(),
  };
}

const actorOf = (user: UserInfo): Actor => ({
  id: user.id,
  role: user.role,
  via: 'session',
  name: user.email,
});

export type Accounts = ReturnType<typeof createAccounts>;
