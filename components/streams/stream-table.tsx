import type { ReactNode } from 'react';
import { SortHeader } from '../sort-header';
import { StreamName } from '../stream-name';
import { TimeLabel, Times } from '../times';
import { Badge } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { EventTimes } from '@/lib/console/event-times';
import type { StreamInfo } from '@/lib/event-store';
import type { StreamSort } from '@/lib/event-store/list-streams';

const orderOf = (sort: StreamSort, column: 'streamId' | 'updatedAt') =>
  sort === column ? 'asc' : sort === `-${column}` ? 'desc' : null;

/** What the page knows about each stream beyond the list: its name and its end events' times. */
export type StreamExtras = { label?: string; first?: EventTimes; last?: EventTimes };

export function StreamTable({
  streams,
  extras,
  sort,
  sortHref,
}: {
  streams: StreamInfo[];
  extras: Map<string, StreamExtras>;
  sort: StreamSort;
  sortHref: (sort: StreamSort) => string;
}) {
  const time = (recordedAt: string, end?: EventTimes): ReactNode => (
    <Times shown="recorded" recordedAt={recordedAt} {...end} />
  );
  return (
    <Table>
      <TableHead>
        <tr>
          <SortHeader
            label="Stream"
            order={orderOf(sort, 'streamId')}
            href={sortHref(sort === 'streamId' ? '-streamId' : 'streamId')}
          />
          <TableHeaderCell>Category</TableHeaderCell>
          <TableHeaderCell className="text-right">Version</TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Created" kind="recorded" />
          </TableHeaderCell>
          <SortHeader
            label={<TimeLabel label="Last update" kind="recorded" />}
            order={orderOf(sort, 'updatedAt')}
            // Recent activity is what one looks for first, so this column starts newest first.
            href={sortHref(sort === '-updatedAt' ? 'updatedAt' : '-updatedAt')}
          />
        </tr>
      </TableHead>
      <TableBody>
        {streams.map((stream) => {
          const extra = extras.get(stream.streamId);
          return (
            <TableRow key={stream.streamId}>
              <TableCell className="max-w-md">
                <StreamName streamId={stream.streamId} label={extra?.label} wrap />
              </TableCell>
              <TableCell>
                <Badge>{stream.category}</Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">{stream.version}</TableCell>
              <TableCell>{time(stream.createdAt, extra?.first)}</TableCell>
              <TableCell>{time(stream.updatedAt, extra?.last)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
