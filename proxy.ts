import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from './lib/auth/cookie-name';

/**
 * A Content-Security-Policy with a fresh nonce on every page: Next puts the nonce on its own
 * scripts (it reads it from this request header), so no inline script runs without it. The
 * other security headers are in next.config.js, for every response. Not an access check: pages,
 * actions and route handlers each check the caller themselves.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Without a session cookie nobody is signed in: an HTTP redirect before any rendering. A
  // cookie that no longer holds a session is found by the page, which redirects the same way.
  const signedOut = !request.cookies
    .getAll()
    .some((cookie) => cookie.name.endsWith(SESSION_COOKIE));
  if (signedOut && pathname !== '/sign-in' && request.method === 'GET') {
    const target = new URL('/sign-in', request.url);
    if (pathname !== '/') target.searchParams.set('next', pathname + search);
    return NextResponse.redirect(target, 307);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const development = process.env.NODE_ENV === 'development';
  const policy = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  // A page is not told its own URL; the sign-in page sends the visitor back to it.
  headers.set('x-chronicle-path', pathname + search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
