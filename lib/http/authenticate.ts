import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@/lib/actor';
import { env } from '@/lib/env';
import { forbidden, unauthenticated } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { SESSION_COOKIE } from '@/lib/auth/cookie-name';
import { TOKEN_PREFIX } from '@/lib/auth/tokens';
import { isSameOrigin, SAFE_METHODS } from './origin';

const BOOTSTRAP_ACTOR: Actor = {
  id: 'bootstrap',
  role: 'admin',
  via: 'bootstrap',
  name: 'bootstrap token',
};
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Who sent a request: a bearer token (the bootstrap token, or an API token that is neither
 * revoked nor expired), or else the console's session cookie, which a state-changing request
 * may carry only from a page of this site (its Origin), against cross-site request forgery.
 */
export async function authenticate(req: Request): Promise<Actor> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) {
    const secret = BEARER.exec(authorization)?.[1];
    if (!secret) throw unauthenticated();
    const bootstrap = env().CHRONICLE_BOOTSTRAP_TOKEN;
    if (bootstrap !== undefined && sameSecret(secret, bootstrap)) return BOOTSTRAP_ACTOR;
    const actor = secret.startsWith(TOKEN_PREFIX)
      ? await (await getChronicle()).tokens.authenticate(secret)
      : null;
    if (!actor) throw unauthenticated('The bearer token is not valid: unknown, revoked or expired');
    return actor;
  }
  if (req.headers.get('cookie')?.includes(SESSION_COOKIE)) {
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req.headers, env().CHRONICLE_PUBLIC_URL)) {
      throw forbidden(
        'A request signed in by the console cookie must come from a page of this site',
      );
    }
    const actor = await (await getChronicle()).accounts.sessionActor(req.headers);
    if (actor) return actor;
  }
  throw unauthenticated();
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The bootstrap token's digest, made once rather than on every request. */
let expectedDigest: { secret: string; digest: Buffer } | undefined;

/** Comparing fixed-length digests keeps the time independent of the token's length and content. */
function sameSecret(given: string, expected: string): boolean {
  if (expectedDigest?.secret !== expected)
    expectedDigest = { secret: expected, digest: digest(expected) };
  return timingSafeEqual(digest(given), expectedDigest.digest);
}
