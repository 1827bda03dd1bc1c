import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createChronicle, type Chronicle } from '../chronicle';

let t: TestDatabase;
let chronicle: Chronicle;
beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({
    db: t.db,
    signInLimits: {
      perAddress: { max: 5, windowMs: 5_000 },
      perAccount: { max: 3, windowMs: 5_000 },
    },
  });
});

const request = (clientAddress = '203.0.113.7') => ({ clientAddress, userAgent: 'test' });
let n = 0;
const newEmail = () => `person${++n}-${Date.now()}@example.org`;

/** A browser's cookie jar, from Set-Cookie values. */
function cookieHeader(setCookies: string[]): Headers {
  const pairs = setCookies
    .filter((cookie) => !/max-age=0/i.test(cookie))
    .map((cookie) => cookie.split(';')[0]!);
  return new Headers({ cookie: pairs.join('; ') });
}

async function person(
  role: 'auditor' | 'operator' | 'admin' = 'operator',
  password = 'correct horse battery',
) {
  const email = newEmail();
  const { user } = await chronicle.accounts.ensureUser({ email, name: 'Person', role, password });
  const { actor, cookies } = await chronicle.accounts.signIn(
    { email, password },
    request(`198.51.100.${n}`),
  );
  return { user, actor, email, password, headers: cookieHeader(cookies) };
}

describe('accounts', () => {
  it('signs in with a password into a session the next request can read, and out again', async () => {
    const { actor, headers, user } = await person('operator');
    expect(actor).toEqual({ id: user.id, role: 'operator', via: 'session', name: user.email });
    expect(await chronicle.accounts.sessionActor(headers)).toEqual(actor);
    const cleared = await chronicle.accounts.signOut(headers);
    expect(cleared.join()).toMatch(/Max-Age=0/i);
    expect(await chronicle.accounts.sessionActor(headers)).toBeNull();
  });

  it('keeps only a scrypt hash of the password and marks the cookie HttpOnly and SameSite=Lax', async () => {
    const email = newEmail();
    await chronicle.accounts.ensureUser({
      email,
      name: 'P',
      role: 'auditor',
      password: 'a long secret phrase',
    });
    const [row] = await t.db.$client<{ password: string }[]>`
      select a.password from auth_accounts a join auth_users u on u.id = a.user_id where u.email = ${email}`;
    expect(row?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    const { cookies } = await chronicle.accounts.signIn(
      { email, password: 'a long secret phrase' },
      request('192.0.2.200'),
    );
    expect(cookies.find((c) => c.startsWith('chronicle.session_token'))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('chronicle.session_token'))).toMatch(/SameSite=Lax/i);
    expect(cookies.join()).not.toMatch(/Secure/);
  });

  it('refuses a wrong password or an unknown address alike, with a 401', async () => {
    const { email } = await person();
    for (const input of [
      { email, password: 'not the password' },
      { email: newEmail(), password: 'correct horse battery' },
    ]) {
      await expect(chronicle.accounts.signIn(input, request('192.0.2.1'))).rejects.toMatchObject({
        status: 401,
        message: 'The e-mail address or the password is not correct',
      });
    }
  });

  it('limits sign-in attempts per account and per address, then lets them through again', async () => {
    const { email, password } = await person();
    const attempt = (address: string) =>
      chronicle.accounts.signIn({ email, password: 'wrong password' }, request(address));
    // The helper's own sign-in was the first of the account's three.
    for (let i = 0; i < 2; i++)
      await expect(attempt(`192.0.2.${10 + i}`)).rejects.toMatchObject({ status: 401 });
    const limited = await attempt('192.0.2.20').catch((error: unknown) => error);
    expect(limited).toMatchObject({
      status: 429,
      details: { retryAfter: expect.any(Number) as unknown },
    });
    await expect(
      chronicle.accounts.signIn({ email, password }, request('192.0.2.21')),
    ).rejects.toMatchObject({
      status: 429,
    });
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    await expect(
      chronicle.accounts.signIn({ email, password }, request('192.0.2.22')),
    ).resolves.toBeTruthy();
    // Per address: other accounts from one address.
    const address = '192.0.2.99';
    for (let i = 0; i < 5; i++) {
      await expect(
        chronicle.accounts.signIn(
          { email: newEmail(), password: 'whatever it is' },
          request(address),
        ),
      ).rejects.toMatchObject({ status: 401 });
    }
    await expect(
      chronicle.accounts.signIn(
        { email: newEmail(), password: 'whatever it is' },
        request(address),
      ),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('a disabled user is signed out at once and cannot sign in; enabling lets them back', async () => {
    const admin = await person('admin');
    const target = await person('operator');
    await chronicle.accounts.setDisabled(admin.actor, target.user.id, true);
    expect(await chronicle.accounts.sessionActor(target.headers)).toBeNull();
    await expect(
      chronicle.accounts.signIn(
        { email: target.email, password: target.password },
        request('192.0.2.50'),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await chronicle.accounts.setDisabled(admin.actor, target.user.id, false);
    await expect(
      chronicle.accounts.signIn(
        { email: target.email, password: target.password },
        request('192.0.2.51'),
      ),
    ).resolves.toBeTruthy();
  });

  it('a changed role takes effect at the next request', async () => {
    const admin = await person('admin');
    const target = await person('auditor');
    await chronicle.accounts.setRole(admin.actor, target.user.id, 'operator');
    expect((await chronicle.accounts.sessionActor(target.headers))?.role).toBe('operator');
  });

  it('an expired session is no session', async () => {
    const { headers, user } = await person();
    await t.db
      .$client`update auth_sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    expect(await chronicle.accounts.sessionActor(headers)).toBeNull();
  });

  it('a password change needs the current one and ends the other sessions', async () => {
    const first = await person();
    const second = await chronicle.accounts.signIn(
      { email: first.email, password: first.password },
      request('192.0.2.60'),
    );
    const other = cookieHeader(second.cookies);
    await expect(
      chronicle.accounts.changePassword(first.actor, first.headers, {
        currentPassword: 'not it at all',
        newPassword: 'a brand new passphrase',
      }),
    ).rejects.toMatchObject({ status: 400 });
    const renewed = await chronicle.accounts.changePassword(first.actor, first.headers, {
      currentPassword: first.password,
      newPassword: 'a brand new passphrase',
    });
    expect(await chronicle.accounts.sessionActor(other)).toBeNull();
    expect(await chronicle.accounts.sessionActor(cookieHeader(renewed))).toMatchObject({
      id: first.user.id,
    });
  });

  it('only an admin manages users, and nobody invites with a short password', async () => {
    const operator = await person('operator');
    const admin = await person('admin');
    const invite = {
      email: newEmail(),
      name: 'New',
      role: 'auditor',
      password: 'long enough passphrase',
    };
    await expect(chronicle.accounts.inviteUser(operator.actor, invite)).rejects.toMatchObject({
      status: 403,
    });
    await expect(chronicle.accounts.listUsers(operator.actor)).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      chronicle.accounts.inviteUser(admin.actor, { ...invite, password: 'short' }),
    ).rejects.toMatchObject({ status: 400 });
    const invited = await chronicle.accounts.inviteUser(admin.actor, invite);
    expect(invited).toMatchObject({ email: invite.email, role: 'auditor', disabled: false });
    expect((await chronicle.accounts.listUsers(admin.actor)).map((u) => u.email)).toContain(
      invite.email,
    );
  });
});
