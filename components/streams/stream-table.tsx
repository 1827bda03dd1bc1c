import Link from 'next/link';
import { SortHeader } from '../sort-header';
import { streamHref } from '../stream-href';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { StreamInfo } from '@/lib/event-store';
import type { StreamSort } from '@/lib/event-store/list-streams';

const orderOf = (sort: StreamSort, column: 'streamId' | 'updatedAt') =>
  sort === column ? 'asc' : sort === `-${column}` ? 'desc' : null;

export function StreamTable({
  streams,
  sort,
  sortHref,
}: {
  streams: StreamInfo[];
  sort: StreamSort;
  sortHref: (sort: StreamSort) => string;
}) {
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
          <TableHeaderCell>Created</TableHeaderCell>
          <SortHeader
            label="Last update"
            order={orderOf(sort, 'updatedAt')}
            // Recent activity is what one looks for first, so this column starts newest first.
            href={sortHref(sort === '-updatedAt' ? 'updatedAt' : '-updatedAt')}
          />
        </tr>
      </TableHead>
      <TableBody>
        {streams.map((stream) => (
          <TableRow key={stream.streamId}>
            <TableCell className="max-w-md">
              <Link
                href={streamHref(stream.streamId)}
                className="font-mono text-[13px] break-all text-zinc-900 hover:underline"
              >
                {stream.streamId}
              </Link>
            </TableCell>
            <TableCell>
              <Badge>{stream.category}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{stream.version}</TableCell>
            <TableCell>
              <Timestamp value={stream.createdAt} />
            </TableCell>
            <TableCell>
              <Timestamp value={stream.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
