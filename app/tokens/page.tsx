import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { NotAllowed } from '@/components/not-allowed';
import { PageHeader } from '@/components/page-header';
import { NewTokenForm } from '@/components/tokens/new-token-form';
import { TokenTable } from '@/components/tokens/token-table';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/lib/actor';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { createToken, revokeToken } from './actions';
import { plural } from '@/components/format';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requireActor();
  if (!can(actor, 'admin')) return <NotAllowed actor={actor} role="admin" />;
  const tokens = await (await getChronicle()).tokens.list(actor);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for programs that use the REST API (/api/v1), each with a role. A token's secret is shown once, when it is created; revoking it refuses it at once."
      />
      <Card className="mb-5">
        <CardHeader>
          <CardTitle>New token</CardTitle>
        </CardHeader>
        <CardContent>
          <NewTokenForm create={createToken} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Tokens in use</CardTitle>
          <span className="text-xs text-zinc-500">
            {tokens.length} {plural(tokens.length, 'token')}, newest first
          </span>
        </CardHeader>
        {tokens.length === 0 ? (
          <EmptyState title="No tokens yet" icon={KeyRound}>
            Create one for each program that uses the REST API.
          </EmptyState>
        ) : (
          <TokenTable tokens={tokens} now={new Date().toISOString()} revoke={revokeToken} />
        )}
      </Card>
    </>
  );
}
