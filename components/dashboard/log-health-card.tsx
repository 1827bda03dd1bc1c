import type { ReactNode } from 'react';
import type { LogHealth, OpenTransaction } from '@/lib/log-health';
import { count, duration } from '../format';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Card, CardHeader, CardTitle } from '../ui/card';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-zinc-600">{label}</dt>
      <dd className="min-w-0 truncate text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-zinc-600">—</span>;

/** Younger than this, an open transaction is ordinary traffic, not a reader held back. */
const LINGERING_SECONDS = 1;

function Holder({ holder }: { holder: OpenTransaction }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-3 sm:grid-cols-3">
      <Fact label="Open for">
        <span className="tabular-nums">{duration(holder.ageSeconds * 1000)}</span>
      </Fact>
      <Fact label="Application">
        <span className="font-mono text-xs">{holder.applicationName || none}</span>
      </Fact>
      <Fact label="Client">
        <span className="font-mono text-xs">{holder.clientAddress ?? 'local socket'}</span>
      </Fact>
      <Fact label="State">{holder.state ?? none}</Fact>
      <Fact label="Transaction started">
        <Timestamp value={holder.transactionStart} />
      </Fact>
      <Fact label="Query started">
        {holder.queryStart ? <Timestamp value={holder.queryStart} /> : none}
      </Fact>
    </dl>
  );
}

/**
 * Whether `$all` readers are held back, and by what: the oldest transaction open on the server
 * (readers see no position above it until it ends) and the committed events waiting behind it.
 */
export function LogHealthCard({ health }: { health: LogHealth }) {
  const [oldest, ...others] = health.holders;
  const { heldBack } = health;
  return (
    <Card aria-labelledby="log-health-title" className="mb-6" data-testid="log-health">
      <CardHeader>
        <CardTitle id="log-health-title">Health of the log</CardTitle>
        {health.warning ? (
          <Badge tone="amber">A transaction has been open over {count(health.warnSeconds)} s</Badge>
        ) : (
          <Badge tone="green">Readers keep up</Badge>
        )}
      </CardHeader>
      {oldest && oldest.ageSeconds >= LINGERING_SECONDS ? (
        <>
          <p className="px-4 pt-3 text-sm text-zinc-700">
            The oldest open transaction (pid{' '}
            <span className="font-mono tabular-nums">{oldest.pid}</span>, xid{' '}
            <span className="font-mono tabular-nums">{oldest.xid}</span>) holds back the gap-safe
            horizon: <code className="font-mono text-xs">$all</code> shows no event written after it
            began until it ends.
            {others.length > 0 && ` ${count(others.length)} more open after it.`}
          </p>
          <Holder holder={oldest} />
        </>
      ) : (
        <p className="px-4 pt-3 text-sm text-zinc-700">
          No transaction is holding back readers
          {oldest
            ? `: the oldest open one began ${duration(oldest.ageSeconds * 1000)} ago.`
            : ': none is open.'}
        </p>
      )}
      <p className="px-4 pt-1 pb-3 text-sm text-zinc-700">
        Committed events not yet readable:{' '}
        <strong className="font-semibold tabular-nums">{count(heldBack.events)}</strong>
        {heldBack.oldestAgeSeconds !== null &&
          `, the oldest waiting ${duration(heldBack.oldestAgeSeconds * 1000)}`}
        .
      </p>
    </Card>
  );
}
