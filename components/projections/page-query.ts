import { z } from 'zod';
import { hrefWith } from '@/lib/console/search-params';

export const PROJECTION_SORTS = [
  'name',
  '-name',
  'status',
  '-status',
  'lag',
  '-lag',
  'failures',
  '-failures',
  'rebuilt',
  '-rebuilt',
] as const;
export type ProjectionSort = (typeof PROJECTION_SORTS)[number];
export type ProjectionSortKey = Exclude<ProjectionSort, `-${string}`>;

/** The Projections page's URL: the table's order, the replay shown, the history's page. */
export const projectionPageQuery = z.object({
  sort: z
    .enum(PROJECTION_SORTS, { error: `sort must be one of ${PROJECTION_SORTS.join(', ')}` })
    .default('name'),
  replay: z.uuid('replay must be the id of a replay').optional(),
  cursor: z.string().max(1000, 'cursor is too long').optional(),
});
export type ProjectionPageQuery = z.output<typeof projectionPageQuery>;

/** The Projections page with this order, replay and history page; defaults are left out. */
export function projectionsHref({
  sort,
  replay,
  cursor,
}: {
  sort: ProjectionSort;
  replay?: string;
  cursor?: string;
}): string {
  return hrefWith('/projections', { sort: sort === 'name' ? undefined : sort, replay, cursor });
}
