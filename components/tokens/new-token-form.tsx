'use client';

import { KeyRound, TriangleAlert } from 'lucide-react';
import type { Role } from '@/lib/actor';
import type { CreatedToken } from '@/lib/auth/tokens';
import { CopyButton } from '../copy-button';
import { FormField } from '../form-field';
import type { FormResult } from '../form-result';
import { Notice } from '../notice';
import { RoleSelect, ROLE_MEANING } from '../role-select';
import { Timestamp } from '../timestamp';
import { Button } from '../ui/button';
import { Input, Select } from '../ui/field';
import { useFormAction } from '../use-form-action';
import { EXPIRY_DAYS, expiryLabel, type TokenField } from './token-expiry';

type Values = { name: string; role: Role; expiresInDays: string };
type Result = FormResult<CreatedToken, TokenField>;

const EMPTY: Values = { name: '', role: 'auditor', expiresInDays: '90' };

/** The secret of a token just made: the only time anyone sees it. */
function NewSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <div
      role="status"
      aria-label="New token"
      className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <p className="flex items-center gap-2 text-sm font-medium text-amber-900">
        <TriangleAlert className="size-4 shrink-0" aria-hidden />
        Copy the secret of “{token.name}” now: it is not shown again, and Chronicle keeps only a
        hash of it.
      </p>
      <div className="flex items-center gap-2 rounded-md border border-amber-200 bg-white px-3 py-2">
        <code
          data-testid="token-secret"
          className="flex-1 font-mono text-sm break-all text-zinc-900"
        >
          {token.token}
        </code>
        <CopyButton value={token.token} label="Copy" title="Copy the token's secret" />
      </div>
      <p className="text-xs text-amber-900">
        Send it as <code className="font-mono">Authorization: Bearer …</code>. Role {token.role};{' '}
        {token.expiresAt ? (
          <>
            expires <Timestamp value={token.expiresAt} />
          </>
        ) : (
          'valid until revoked'
        )}
        .
      </p>
      <div>
        <Button size="sm" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </div>
  );
}

export function NewTokenForm({ create }: { create: (values: Values) => Promise<Result> }) {
  const {
    values,
    setValue,
    answer,
    setAnswer,
    failure,
    pending,
    submit,
    errorId,
    errorOf,
    invalid,
  } = useFormAction<TokenField, Values, CreatedToken>({
    action: create,
    empty: EMPTY,
    idPrefix: 'token',
  });

  if (answer?.ok) return <NewSecret token={answer.data} onDone={() => setAnswer(null)} />;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {failure && <Notice title={failure.error} />}
      <div className="flex flex-wrap items-start gap-4">
        <FormField label="Name" error={errorOf('name')} errorId={errorId('name')}>
          <Input
            value={values.name}
            onChange={(event) => setValue('name', event.target.value)}
            maxLength={100}
            placeholder="e.g. nightly export"
            className="w-64"
            {...invalid('name')}
          />
        </FormField>
        <div className="flex flex-col gap-1">
          <FormField label="Role" error={errorOf('role')} errorId={errorId('role')}>
            <RoleSelect
              aria-label="Role"
              value={values.role}
              onChange={(role) => setValue('role', role)}
              className="w-32"
            />
          </FormField>
          <p className="max-w-64 text-xs text-zinc-500">May {ROLE_MEANING[values.role]}.</p>
        </div>
        <FormField label="Expires" error={errorOf('expiresAt')} errorId={errorId('expiresAt')}>
          <Select
            value={values.expiresInDays}
            onChange={(event) => setValue('expiresInDays', event.target.value)}
            className="w-36"
          >
            {EXPIRY_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                in {expiryLabel(days)}
              </option>
            ))}
            <option value="">never</option>
          </Select>
        </FormField>
        <Button type="submit" variant="primary" disabled={pending} className="mt-5">
          <KeyRound className="size-4" aria-hidden />
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </div>
    </form>
  );
}
