import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { PageHeader } from '@/components/page-header';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { InviteForm } from '@/components/users/invite-form';
import { UserTable } from '@/components/users/user-table';
import { can } from '@/lib/actor';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/better-auth';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { changeRole, inviteUser, setUserDisabled } from './actions';
import { plural } from '@/components/format';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor, 'admin')) return <NotAllowed actor={actor} role="admin" />;
  const users = await (await getChronicle()).accounts.listUsers(actor);
  return (
    <>
      <PageHeader
        title="Users"
        description="The people who sign in to this console, and what their role lets them do: auditors read, verify and export; operators also run workflows, appends, replays and snapshots; admins also manage users and tokens."
      />
      <Card className="mb-5">
        <CardHeader>
          <CardTitle>Accounts</CardTitle>
          <span className="text-xs text-zinc-500">
            {users.length} {plural(users.length, 'account')}, by e-mail address
          </span>
        </CardHeader>
        <UserTable
          users={users}
          selfId={actor.id}
          changeRole={changeRole}
          setDisabled={setUserDisabled}
        />
      </Card>
      <Card className="max-w-3xl">
        <CardHeader>
          <CardTitle>Invite a user</CardTitle>
        </CardHeader>
        <InviteForm invite={inviteUser} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </Card>
    </>
  );
}
