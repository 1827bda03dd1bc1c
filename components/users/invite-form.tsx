'use client';

import { UserPlus } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Role } from '@/lib/actor';
import type { UserInfo } from '@/lib/auth/accounts';
import { FormField } from '../form-field';
import type { FormResult } from '../form-result';
import { Notice } from '../notice';
import { RoleSelect, ROLE_MEANING } from '../role-select';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/field';
import { useFormAction } from '../use-form-action';

type Field = 'email' | 'name' | 'role' | 'password';
type Values = Record<Field, string>;
type Result = FormResult<UserInfo, Field>;

const EMPTY: Values = { email: '', name: '', role: 'auditor', password: '' };

/**
 * The admin sets the new user's first password and hands it over; the user can change it on
 * their Account page. Controlled fields: nothing typed is lost when the server refuses it.
 */
export function InviteForm({
  invite,
  minPasswordLength,
}: {
  invite: (values: Values) => Promise<Result>;
  minPasswordLength: number;
}) {
  const { values, setValue, answer, failure, pending, submit, errorId, errorOf, invalid } =
    useFormAction({ action: invite, empty: EMPTY, idPrefix: 'invite' });
  const set = (name: Field) => (event: { target: { value: string } }) =>
    setValue(name, event.target.value);
  const field = (name: Field, label: string, input: ReactNode) => (
    <FormField label={label} error={errorOf(name)} errorId={errorId(name)}>
      {input}
    </FormField>
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-4">
      {failure && <Notice title={failure.error} />}
      {answer?.ok && (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-zinc-700">
          <Badge tone="green">Invited</Badge>
          {answer.data.email} can now sign in as {answer.data.role} with the first password you set;
          they can change it on their Account page.
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {field(
          'email',
          'E-mail address',
          <Input
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={set('email')}
            {...invalid('email')}
          />,
        )}
        {field(
          'name',
          'Name',
          <Input
            autoComplete="off"
            value={values.name}
            onChange={set('name')}
            {...invalid('name')}
          />,
        )}
        <div className="flex flex-col gap-1">
          {field(
            'role',
            'Role',
            <RoleSelect
              aria-label="Role"
              value={values.role as Role}
              onChange={(role) => setValue('role', role)}
            />,
          )}
          <p className="text-xs text-zinc-500">May {ROLE_MEANING[values.role as Role]}.</p>
        </div>
        <div className="flex flex-col gap-1">
          {field(
            'password',
            'First password',
            <Input
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={set('password')}
              {...invalid('password')}
            />,
          )}
          <p className="text-xs text-zinc-500">At least {minPasswordLength} characters.</p>
        </div>
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          <UserPlus className="size-4" aria-hidden />
          {pending ? 'Inviting…' : 'Invite user'}
        </Button>
      </div>
    </form>
  );
}
