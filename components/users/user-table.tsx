import type { Role } from '@/lib/actor';
import type { UserInfo } from '@/lib/auth/accounts';
import type { Result } from '@/lib/console/result';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { AccessControl, RoleControl } from './user-controls';

type Answer = Promise<Result<UserInfo>>;

/**
 * Every account, by e-mail address. The admin's own row has no controls: lib refuses an admin
 * taking the admin role from themselves or disabling themselves.
 */
export function UserTable({
  users,
  selfId,
  changeRole,
  setDisabled,
}: {
  users: UserInfo[];
  selfId: string;
  changeRole: (id: string, role: Role) => Answer;
  setDisabled: (id: string, disabled: boolean) => Answer;
}) {
  return (
    <Table aria-label="Users">
      <TableHead>
        <tr>
          <TableHeaderCell>E-mail address</TableHeaderCell>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Created" kind="recorded" />
          </TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Access</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {users.map((user) => {
          const self = user.id === selfId;
          return (
            <TableRow key={user.id} id={`user-${user.id}`} className="target:bg-amber-50">
              <TableCell className="font-medium text-zinc-900">
                {user.email}
                {self && (
                  <Badge className="ml-2" tone="blue">
                    you
                  </Badge>
                )}
              </TableCell>
              <TableCell>{user.name}</TableCell>
              <TableCell>
                {self ? (
                  user.role
                ) : (
                  <RoleControl
                    key={user.role}
                    user={user}
                    changeRole={changeRole.bind(null, user.id)}
                  />
                )}
              </TableCell>
              <TableCell>
                {user.disabled ? (
                  <Badge tone="red">disabled</Badge>
                ) : (
                  <Badge tone="green">active</Badge>
                )}
              </TableCell>
              <TableCell>
                <Timestamp value={user.createdAt} />
              </TableCell>
              <TableCell className="text-right">
                {!self && (
                  <AccessControl user={user} setDisabled={setDisabled.bind(null, user.id)} />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
