import { roles, type Role } from '@/lib/actor';
import { Select } from './ui/field';

/** What each role may do, to follow "May …". */
export const ROLE_MEANING: Record<Role, string> = {
  auditor: 'read, verify and export',
  operator:
    'do what an auditor does, and run workflow commands, appends, replays and snapshot cleanup',
  admin: 'do what an operator does, and manage users and API tokens',
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
