import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '@/lib/actor';
import type { RequestInfo } from '@/lib/audit/audit-event';
import { localPath } from '@/lib/console/local-path';
import { hrefWith } from '@/lib/console/search-params';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-address';
import { getChronicle } from '@/lib/runtime';

/**
 * The page a request is for, set by proxy.ts on every page request: a server component is not
 * told its own URL, and the sign-in page sends the user back there.
 */
export const PATH_HEADER = 'x-chronicle-path';

/**
 * The request's headers with the cookies as they are now: once a server action has set or
 * cleared the session cookie (sign-in, password change), the page rendered after it must see
 * the new one, which `cookies()` has and `headers()` does not.
 */
async function headersWithCurrentCookies(): Promise<Headers> {
  const current = new Headers(await headers());
  const jar = (await cookies()).toString();
  if (jar) current.set('cookie', jar);
  else current.delete('cookie');
  return current;
}

/** The signed-in person behind this request, or null; looked up once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Headers first: while `next build` prerenders, reading them ends the render as dynamic
  // before any database is touched.
  const given = await headersWithCurrentCookies();
  const { accounts } = await getChronicle();
  return accounts.sessionActor(given);
});

/** The sign-in page, with the page to come back to when one is known. */
export function signInHref(next: string | null): string {
  return hrefWith('/sign-in', { next: next === '/' ? null : next });
}

/**
 * The signed-in actor, for a page to pass to every read; without one the visitor goes to the
 * sign-in page, which sends them back here afterwards. A page that needs more than the
 * auditor role checks `can(actor, role)` and shows <NotAllowed> (lib refuses the act anyway).
 */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  redirect(signInHref(localPath((await headers()).get(PATH_HEADER))));
}

/** What the audit trail records of where a request came from; one id for the whole request. */
export const requestInfo = cache(async (): Promise<RequestInfo> => {
  const given = await headers();
  return {
    requestId: randomUUID(),
    clientAddress: clientAddress(given, env().CHRONICLE_TRUSTED_PROXIES),
  };
});
