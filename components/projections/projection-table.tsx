import type { ReactNode } from 'react';
import type { ProjectionView } from '@/lib/projections/views';
import { count } from '../format';
import { SortHeader } from '../sort-header';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { StartReplay } from './action-types';
import { Lag } from './lag';
import { projectionsHref, type ProjectionSort, type ProjectionSortKey } from './page-query';
import { ReplayButtons } from './replay-buttons';
import { ProjectionStatusBadge } from './status-badges';

/** The order a column sorts in on its first click: the worst first where there is a worst. */
const FIRST_ORDER: Record<ProjectionSortKey, ProjectionSort> = {
  name: 'name',
  status: '-status',
  lag: '-lag',
  failures: '-failures',
  rebuilt: '-rebuilt',
};

function Sortable({
  column,
  label,
  sort,
  className,
}: {
  column: ProjectionSortKey;
  label: ReactNode;
  sort: ProjectionSort;
  className?: string;
}) {
  const order = sort === column ? 'asc' : sort === `-${column}` ? 'desc' : null;
  const next: ProjectionSort =
    order === null ? FIRST_ORDER[column] : order === 'asc' ? `-${column}` : column;
  return (
    <SortHeader
      label={label}
      order={order}
      href={projectionsHref({ sort: next })}
      className={className}
    />
  );
}

/** Every projection with where it has got to; operators also get its replay buttons. */
export function ProjectionTable({
  projections,
  sort,
  start,
}: {
  projections: ProjectionView[];
  sort: ProjectionSort;
  /** Absent for those who may not launch replays. */
  start?: StartReplay;
}) {
  const watchHref = (replay: string) => projectionsHref({ sort, replay });
  const columns = start ? 7 : 6;
  return (
    <Table aria-label="Projections">
      <TableHead>
        <tr>
          <Sortable column="name" label="Projection" sort={sort} />
          <Sortable column="status" label="Status" sort={sort} />
          <TableHeaderCell className="text-right">Checkpoint</TableHeaderCell>
          <Sortable column="lag" label="Lag" sort={sort} />
          <Sortable column="failures" label="Failures" sort={sort} className="text-right" />
          <Sortable
            column="rebuilt"
            label={<TimeLabel label="Rebuilt" kind="recorded" />}
            sort={sort}
          />
          {start && (
            <TableHeaderCell>
              <span className="sr-only">Replays</span>
            </TableHeaderCell>
          )}
        </tr>
      </TableHead>
      {projections.map((projection) => (
        <TableBody
          key={projection.name}
          className="divide-y-0 border-b border-zinc-100 last:border-b-0"
        >
          <TableRow data-testid={`projection-${projection.name}`}>
            <TableCell className="min-w-44">
              <p className="flex items-center gap-2">
                <span
                  className="font-mono text-xs font-medium text-zinc-900"
                  data-testid="projection-name"
                >
                  {projection.name}
                </span>
                <Badge
                  title={`version ${projection.version}; on a failed event: ${projection.policy}`}
                >
                  {projection.kind}
                </Badge>
              </p>
              <p className="text-xs text-zinc-500">{projection.description}</p>
            </TableCell>
            <TableCell>
              <ProjectionStatusBadge projection={projection} watchHref={watchHref} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{count(projection.position)}</TableCell>
            <TableCell className="whitespace-nowrap">
              <Lag projection={projection} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {projection.failures > 0 ? (
                <a href={`#failures-${projection.name}`} className="text-red-700 underline">
                  {count(projection.failures)}
                </a>
              ) : (
                <span className="text-zinc-500">0</span>
              )}
            </TableCell>
            <TableCell>
              {projection.rebuiltAt ? (
                <Timestamp value={projection.rebuiltAt} />
              ) : (
                <span className="text-zinc-500">never</span>
              )}
            </TableCell>
            {start && (
              <TableCell className="text-right">
                <ReplayButtons projection={projection} start={start} sort={sort} />
              </TableCell>
            )}
          </TableRow>
          {projection.lastError && (
            <tr data-testid={`last-error-${projection.name}`}>
              <td colSpan={columns} className="px-3 pb-2">
                <p
                  className="line-clamp-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800"
                  title={projection.lastError}
                >
                  <span className="font-medium">Last error:</span> {projection.lastError}
                </p>
              </td>
            </tr>
          )}
        </TableBody>
      ))}
    </Table>
  );
}
