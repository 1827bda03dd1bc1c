import { describe, expect, it } from 'vitest';
import { parseSetCookie } from './set-cookie';

describe('parseSetCookie', () => {
  it('keeps every attribute a session cookie carries', () => {
    expect(
      parseSetCookie(
        'chronicle.session_token=abc.def%2Bg%3D; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax',
      ),
    ).toEqual({
      name: 'chronicle.session_token',
      value: 'abc.def+g=',
      maxAge: 28800,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
    });
  });

  it('reads a cleared cookie, a secure prefix, a domain and an expiry date', () => {
    expect(
      parseSetCookie(
        '__Secure-chronicle.session_token=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.org; Path=/; Secure; SameSite=Strict',
      ),
    ).toEqual({
      name: '__Secure-chronicle.session_token',
      value: '',
      maxAge: 0,
      expires: new Date(0),
      domain: 'example.org',
      path: '/',
      secure: true,
      sameSite: 'strict',
    });
  });

  it('keeps a value that is not percent-encoded as it is, and refuses a nameless cookie', () => {
    expect(parseSetCookie('a=100%; Path=/')).toEqual({ name: 'a', value: '100%', path: '/' });
    expect(parseSetCookie('=value; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});
