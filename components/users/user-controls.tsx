'use client';

import { useState, useTransition } from 'react';
import type { Role } from '@/lib/actor';
import type { UserInfo } from '@/lib/auth/accounts';
import type { Result } from '@/lib/console/result';
import { RoleSelect } from '../role-select';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm-dialog';

type Answer = Result<UserInfo>;

/** A user's role, changed only when the admin saves the new choice. */
export function RoleControl({
  user,
  changeRole,
}: {
  user: UserInfo;
  changeRole: (role: Role) => Promise<Answer>;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const changed = role !== user.role;
  const save = () =>
    startTransition(async () => {
      const answer = await changeRole(role);
      setError(answer.ok ? null : answer.error);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <RoleSelect
        value={role}
        onChange={(next) => {
          setRole(next);
          setError(null);
        }}
        aria-label={`Role of ${user.email}`}
        disabled={pending}
        className="w-32"
      />
      {changed && (
        <>
          <Button size="sm" variant="primary" onClick={save} disabled={pending}>
            {pending ? 'Saving…' : 'Save role'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRole(user.role)} disabled={pending}>
            Cancel
          </Button>
        </>
      )}
      {error && <Badge tone="red">{error}</Badge>}
    </span>
  );
}

/** Disabling ends the user's sessions at once, so it asks first; enabling does not. */
export function AccessControl({
  user,
  setDisabled,
}: {
  user: UserInfo;
  setDisabled: (disabled: boolean) => Promise<Answer>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (disabled: boolean) =>
    startTransition(async () => {
      const answer = await setDisabled(disabled);
      setError(answer.ok ? null : answer.error);
    });
  return (
    <span className="inline-flex items-center gap-2">
      {error && <Badge tone="red">{error}</Badge>}
      {user.disabled ? (
        <Button size="sm" onClick={() => run(false)} disabled={pending}>
          Enable
        </Button>
      ) : (
        <ConfirmButton
          title={`Disable ${user.email}?`}
          description={
            <p>
              Their sessions end at once and they cannot sign in until an admin enables the account
              again. Nothing they did is removed.
            </p>
          }
          confirmLabel="Disable user"
          onConfirm={() => run(true)}
          disabled={pending}
          size="sm"
        >
          Disable
        </ConfirmButton>
      )}
    </span>
  );
}
