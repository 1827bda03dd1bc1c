import Link from 'next/link';
import type { ReactNode } from 'react';
import { HashText } from '../hash-text';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import type { StreamDetails } from '@/lib/event-store';
import { hrefWith } from '@/lib/console/search-params';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 px-5 py-3">
      <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

export function StreamSummary({ stream }: { stream: StreamDetails }) {
  return (
    <Card className="mb-5">
      <dl className="flex flex-wrap divide-x divide-zinc-100">
        <Fact label="Category">
          <Link href={hrefWith('/streams', { category: stream.category })}>
            <Badge className="hover:bg-zinc-200">{stream.category}</Badge>
          </Link>
        </Fact>
        <Fact label="Version">
          <span className="tabular-nums">{stream.version}</span>
        </Fact>
        <Fact label="Created">
          <Timestamp value={stream.createdAt} />
        </Fact>
        <Fact label="Last update">
          <Timestamp value={stream.updatedAt} />
        </Fact>
        <Fact label="Last hash">
          <HashText value={stream.lastHash} length={16} />
        </Fact>
      </dl>
    </Card>
  );
}
