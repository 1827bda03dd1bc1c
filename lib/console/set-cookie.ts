/** A Set-Cookie header value taken apart, in the shape of Next's `cookies().set()` options. */
export type CookieToSet = {
  name: string;
  value: string;
  maxAge?: number;
  expires?: Date;
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
};

const SAME_SITE = new Set(['lax', 'strict', 'none']);

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Parses what the accounts library answers (`name=value; Max-Age=…; Path=/; HttpOnly; …`), so
 * the console can hand the same cookie to the browser. The value is decoded: whoever sets it
 * again encodes it once more, and the browser sends back what the library wrote.
 */
export function parseSetCookie(header: string): CookieToSet | null {
  const [pair = '', ...attributes] = header.split(';');
  const split = pair.indexOf('=');
  const name = pair.slice(0, split).trim();
  if (split < 1 || name === '') return null;
  const cookie: CookieToSet = { name, value: decoded(pair.slice(split + 1).trim()) };
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const value = rest.join('=').trim();
    switch (key.trim().toLowerCase()) {
      case 'max-age': {
        const seconds = Number(value);
        if (Number.isInteger(seconds)) cookie.maxAge = seconds;
        break;
      }
      case 'expires': {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) cookie.expires = date;
        break;
      }
      case 'path':
        cookie.path = value;
        break;
      case 'domain':
        cookie.domain = value;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'samesite': {
        const sameSite = value.toLowerCase();
        if (SAME_SITE.has(sameSite)) cookie.sameSite = sameSite as CookieToSet['sameSite'];
        break;
      }
    }
  }
  return cookie;
}
