import { describe, expect, it } from 'vitest';
import { ChronicleError, forbidden, unauthenticated } from '../errors';
import { signInMessage } from './sign-in-message';

describe('signInMessage', () => {
  it('says how long to wait after too many attempts', () => {
    const limited = new ChronicleError('rate_limited', 'Too many sign-in attempts', {
      retryAfter: 42,
    });
    expect(signInMessage(limited)).toBe('Too many attempts, try again in 42 s');
  });

  it('passes on why a sign-in was refused', () => {
    expect(
      signInMessage(unauthenticated('The e-mail address or the password is not correct')),
    ).toBe('The e-mail address or the password is not correct');
    expect(signInMessage(forbidden('This account is disabled; ask an admin'))).toBe(
      'This account is disabled; ask an admin',
    );
  });

  it('tells nothing of an unexpected failure', () => {
    expect(signInMessage(new Error('connection refused to 10.0.0.5:5432'))).toBe(
      'Signing in is not possible right now; the server log has the details',
    );
  });
});
