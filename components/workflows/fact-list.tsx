import type { ReactNode } from 'react';
import { TimeLabel, type TimeKindName } from '../times';
import { Card } from '../ui/card';

/** `kind`: the fact is a time, of that kind (its label says so). */
export type Fact = { label: string; value: ReactNode; kind?: TimeKindName };

/** A row of labelled facts under a page's title: status, version, times. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <Card className="mb-5">
      <dl className="flex flex-wrap divide-x divide-zinc-100">
        {facts.map(({ label, value, kind }) => (
          <div key={label} className="flex min-w-0 flex-col gap-1 px-5 py-3">
            <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">
              {kind ? <TimeLabel label={label} kind={kind} /> : label}
            </dt>
            <dd className="text-sm text-zinc-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
