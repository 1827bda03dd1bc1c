import type { ProjectionView } from '@/lib/projections/views';
import type { ProjectionSort, ProjectionSortKey } from './page-query';

const valueOf: Record<ProjectionSortKey, (projection: ProjectionView) => number | string> = {
  name: (p) => p.name,
  status: (p) => p.status,
  lag: (p) => p.lag.events,
  failures: (p) => p.failures,
  // Never rebuilt sorts before any rebuild.
  rebuilt: (p) => p.rebuiltAt ?? '',
};

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** The projections in the table's order; ties by name, so the order is stable. */
export function sortProjections(
  projections: ProjectionView[],
  sort: ProjectionSort,
): ProjectionView[] {
  const key = sort.replace(/^-/, '') as ProjectionSortKey;
  const direction = sort.startsWith('-') ? -1 : 1;
  return [...projections].sort(
    (a, b) => compare(valueOf[key](a), valueOf[key](b)) * direction || a.name.localeCompare(b.name),
  );
}
