import type { Result } from '@/lib/console/result';
import type { SubjectSort, SubjectView } from '@/lib/personal/subjects';
import { SortHeader } from '../sort-header';
import { StreamName } from '../stream-name';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import { EraseButton } from './erase-button';
import { plural } from '../format';

export type SubjectOrder = { sort: SubjectSort; direction: 'asc' | 'desc' };

/** The data subjects on one page; each one's streams linked, and when erased (or an Erase button). */
export function SubjectTable({
  subjects,
  order,
  sortHref,
  erase,
}: {
  subjects: SubjectView[];
  order: SubjectOrder;
  sortHref: (order: SubjectOrder) => string;
  erase: (subjectId: string) => Promise<Result<{ events: number }>>;
}) {
  const header = (sort: SubjectSort, label: React.ReactNode, className?: string) => (
    <SortHeader
      label={label}
      className={className}
      order={order.sort === sort ? order.direction : null}
      href={sortHref({
        sort,
        direction: order.sort === sort && order.direction === 'desc' ? 'asc' : 'desc',
      })}
    />
  );
  return (
    <Table aria-label="Data subjects">
      <TableHead>
        <tr>
          {header('subjectId', 'Subject')}
          <TableHeaderCell>Streams</TableHeaderCell>
          {header('events', 'Events', 'text-right')}
          {header('createdAt', <TimeLabel label="First seen" kind="recorded" />)}
          {header('erasedAt', <TimeLabel label="Erased" kind="recorded" />)}
        </tr>
      </TableHead>
      <TableBody>
        {subjects.map((subject) => (
          <TableRow key={subject.subjectId}>
            <TableCell className="w-40 max-w-40 font-mono text-xs break-all text-zinc-900">
              {subject.subjectId}
            </TableCell>
            <TableCell className="max-w-64">
              {subject.streams.length === 0 ? (
                <span className="text-zinc-500">none</span>
              ) : (
                <ul className="flex flex-col gap-1">
                  {subject.streams.map((stream) => (
                    <li key={stream.streamId} className="flex min-w-0 items-baseline gap-2">
                      <span className="min-w-0">
                        <StreamName streamId={stream.streamId} />
                      </span>
                      <span className="text-xs whitespace-nowrap text-zinc-500">
                        {stream.events} {plural(stream.events, 'event')}
                      </span>
                    </li>
                  ))}
                  {subject.streamCount > subject.streams.length && (
                    <li className="text-xs text-zinc-500">
                      and {subject.streamCount - subject.streams.length} more
                    </li>
                  )}
                </ul>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{subject.events}</TableCell>
            <TableCell>
              <Timestamp value={subject.createdAt} />
            </TableCell>
            <TableCell>
              {subject.erasedAt ? (
                <span className="flex flex-col gap-0.5">
                  <Timestamp value={subject.erasedAt} />
                  <span className="text-xs break-all text-zinc-500">by {subject.erasedBy}</span>
                </span>
              ) : (
                <EraseButton subjectId={subject.subjectId} events={subject.events} erase={erase} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
