import type { Metadata } from 'next';
import { PasswordForm } from '@/components/auth/password-form';
import { PageHeader } from '@/components/page-header';
import { ROLE_MEANING } from '@/components/role-select';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FactList } from '@/components/workflows/fact-list';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/better-auth';
import { requireActor } from '../_session/session';
import { changePassword } from './actions';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Account" description="Who you are signed in as, and your password." />
      <FactList
        facts={[
          { label: 'E-mail address', value: actor.name ?? actor.id },
          { label: 'Role', value: actor.role },
          { label: 'Allowed to', value: ROLE_MEANING[actor.role] },
        ]}
      />
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle>Change your password</CardTitle>
        </CardHeader>
        <CardContent>
          <PasswordForm change={changePassword} minLength={MIN_PASSWORD_LENGTH} />
        </CardContent>
      </Card>
    </>
  );
}
