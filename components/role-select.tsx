import { roles, type Role } from '@/lib/actor';
import { Select } from './ui/field';

/** What each role may do, as the choice of a role explains it. */
export const ROLE_MEANING: Record<Role, string> = {
  auditor: 'read, verify, export',
  operator: 'auditor + workflow commands, appends, replays, snapshots',
  admin: 'operator + users, tokens, erasure, retention',
};

/** A role picker; ROLE_MEANING says beside it what the chosen role may do. */
export function RoleSelect({
  value,
  onChange,
  ...props
}: {
  value: Role;
  onChange: (role: Role) => void;
  name?: string;
  'aria-label'?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <Select value={value} onChange={(event) => onChange(event.target.value as Role)} {...props}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </Select>
  );
}
