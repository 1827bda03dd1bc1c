'use client';

import { useActionState } from 'react';
import { Notice } from '../notice';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/field';

/** What the sign-in action answers when it does not send the user on: why, and what was typed. */
export type SignInState = { email: string; error: string | null };

/**
 * A plain form posting to a server action: it works before the page's script has loaded, and
 * the password field is emptied after every attempt.
 */
export function SignInForm({
  signIn,
  next,
}: {
  signIn: (state: SignInState, form: FormData) => Promise<SignInState>;
  next: string | null;
}) {
  const [state, action, pending] = useActionState(signIn, { email: '', error: null });
  return (
    <form action={action} className="flex flex-col gap-4">
      {state.error && <Notice title={state.error} />}
      {next && <input type="hidden" name="next" value={next} />}
      <Field label="E-mail address">
        <Input
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={state.email}
          key={state.email}
          className="h-9"
        />
      </Field>
      <Field label="Password">
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="h-9"
        />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} className="h-9 justify-center">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
