/** The prefix of Chronicle's cookies, as the authentication library is told to use it. */
export const COOKIE_PREFIX = 'chronicle';

/** The session cookie's name, without the `__Secure-` prefix it takes over TLS. */
export const SESSION_COOKIE = `${COOKIE_PREFIX}.session_token`;
