import { createHash, timingSafeEqual } from 'node:crypto';
import { assertRole, type Actor, type Role } from '@/lib/actor';
import { env } from '@/lib/env';
import { unauthenticated } from '@/lib/errors';

const BOOTSTRAP_ACTOR: Actor = { id: 'bootstrap', role: 'admin', via: 'bootstrap' };
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Until access tokens land, the only valid token is CHRONICLE_BOOTSTRAP_TOKEN. Without one set,
 * every authenticated route answers 401.
 */
export function authenticate(req: Request): Actor {
  const token = BEARER.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!token) throw unauthenticated();
  const bootstrap = env().CHRONICLE_BOOTSTRAP_TOKEN;
  if (bootstrap !== undefined && sameSecret(token, bootstrap)) return BOOTSTRAP_ACTOR;
  throw unauthenticated('The bearer token is not valid');
}

export function authorize(req: Request, role: Role): Actor {
  const actor = authenticate(req);
  assertRole(actor, role);
  return actor;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Comparing fixed-length digests keeps the time independent of the token's length and content. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
