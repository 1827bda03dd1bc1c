'use client';

import { useState, useTransition } from 'react';
import type { TokenInfo } from '@/lib/auth/tokens';
import type { Result } from '@/lib/console/result';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { ConfirmButton } from '../ui/confirm-dialog';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';

function RevokeButton({
  token,
  revoke,
}: {
  token: TokenInfo;
  revoke: (id: string) => Promise<Result<TokenInfo>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      {error && <Badge tone="red">{error}</Badge>}
      <ConfirmButton
        title={`Revoke “${token.name}”?`}
        description={
          <p>
            Every program that uses this token is refused from its next request on. A revoked token
            cannot be restored; make a new one instead.
          </p>
        }
        confirmLabel="Revoke token"
        onConfirm={() =>
          startTransition(async () => {
            const answer = await revoke(token.id);
            setError(answer.ok ? null : answer.error);
          })
        }
        disabled={pending}
        size="sm"
      >
        {pending ? 'Revoking…' : 'Revoke'}
      </ConfirmButton>
    </span>
  );
}

/**
 * The tokens not revoked, newest first; never their secrets. `now` is the time of the page's
 * render, so that server and browser agree on which tokens have expired.
 */
export function TokenTable({
  tokens,
  now,
  revoke,
}: {
  tokens: TokenInfo[];
  now: string;
  revoke: (id: string) => Promise<Result<TokenInfo>>;
}) {
  return (
    <Table aria-label="API tokens">
      <TableHead>
        <tr>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Created" kind="recorded" />
          </TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Last used" kind="recorded" />
          </TableHeaderCell>
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Revoke</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {tokens.map((token) => {
          const expired = token.expiresAt !== null && token.expiresAt <= now;
          return (
            <TableRow key={token.id} id={`token-${token.id}`} className="target:bg-amber-50">
              <TableCell className="font-medium text-zinc-900">{token.name}</TableCell>
              <TableCell>{token.role}</TableCell>
              <TableCell>
                <Timestamp value={token.createdAt} />
              </TableCell>
              <TableCell>
                {token.lastUsedAt ? (
                  <Timestamp value={token.lastUsedAt} />
                ) : (
                  <span className="text-zinc-500">never</span>
                )}
              </TableCell>
              <TableCell>
                {token.expiresAt ? (
                  <span className="inline-flex items-center gap-2">
                    <Timestamp value={token.expiresAt} />
                    {expired && <Badge tone="red">expired</Badge>}
                  </span>
                ) : (
                  <span className="text-zinc-500">never</span>
                )}
              </TableCell>
              <TableCell className="text-right">
                <RevokeButton token={token} revoke={revoke} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
