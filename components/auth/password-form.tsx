'use client';

import { FormField } from '../form-field';
import type { FormResult } from '../form-result';
import { Notice } from '../notice';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/field';
import { useFormAction } from '../use-form-action';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';
type Values = Record<Field, string>;
type Result = FormResult<null, Field>;

const EMPTY: Values = { currentPassword: '', newPassword: '', repeatPassword: '' };

const FIELDS: { name: Field; label: string; autoComplete: string }[] = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password' },
  { name: 'repeatPassword', label: 'New password again', autoComplete: 'new-password' },
];

export function PasswordForm({
  change,
  minLength,
}: {
  change: (values: Values) => Promise<Result>;
  minLength: number;
}) {
  // Passwords are not kept in the page longer than needed, whatever the answer.
  const { values, setValue, answer, failure, pending, submit, errorId, errorOf, invalid } =
    useFormAction({ action: change, empty: EMPTY, idPrefix: 'password', clear: 'always' });
  return (
    <form onSubmit={submit} noValidate className="flex max-w-sm flex-col gap-4">
      {failure && <Notice title={failure.error} />}
      {answer?.ok && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-700">
          <Badge tone="green">Changed</Badge> Your other sessions have ended.
        </p>
      )}
      {FIELDS.map(({ name, label, autoComplete }) => (
        <FormField key={name} label={label} error={errorOf(name)} errorId={errorId(name)}>
          <Input
            type="password"
            autoComplete={autoComplete}
            value={values[name]}
            onChange={(event) => setValue(name, event.target.value)}
            {...invalid(name)}
          />
        </FormField>
      ))}
      <p className="text-xs text-zinc-500">At least {minLength} characters.</p>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </Button>
      </div>
    </form>
  );
}
