import Link from 'next/link';
import { HashText } from '../hash-text';
import { Times } from '../times';
import { Badge } from '../ui/badge';
import { FactList } from '../workflows/fact-list';
import type { StreamDetails } from '@/lib/event-store';
import type { EventTimes } from '@/lib/console/event-times';
import { hrefWith } from '@/lib/console/search-params';

/**
 * A stream's header facts. Its times are the store's (recorded), those of its first and newest
 * events (the `streams` row's when these cannot be read), with their business times beneath
 * where they differ.
 */
export function StreamSummary({
  stream,
  first,
  last,
}: {
  stream: StreamDetails;
  first?: EventTimes;
  last?: EventTimes;
}) {
  return (
    <FactList
      facts={[
        {
          label: 'Category',
          value: (
            <Link href={hrefWith('/streams', { category: stream.category })}>
              <Badge className="hover:bg-zinc-200">{stream.category}</Badge>
            </Link>
          ),
        },
        { label: 'Version', value: <span className="tabular-nums">{stream.version}</span> },
        {
          label: 'Created',
          kind: 'recorded',
          value: <Times shown="recorded" recordedAt={stream.createdAt} {...first} />,
        },
        {
          label: 'Last update',
          kind: 'recorded',
          value: <Times shown="recorded" recordedAt={stream.updatedAt} {...last} />,
        },
        { label: 'Last hash', value: <HashText value={stream.lastHash} length={16} /> },
      ]}
    />
  );
}
