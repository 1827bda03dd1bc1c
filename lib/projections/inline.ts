import type { InlineReadModel } from '../aggregates/repository';
import { liveTables, type Projection } from './projection';

/** What the repository writes with an aggregate's append: its category's inline projections. */
export function inlineWriters(projections: readonly Projection[]): Record<string, InlineReadModel> {
  const writers: Record<string, InlineReadModel> = {};
  for (const projection of projections) {
    if (projection.kind !== 'inline' || !projection.applyInline) continue;
    for (const category of projection.categories ?? []) {
      const before = writers[category];
      const apply = projection.applyInline;
      const tables = liveTables(projection);
      writers[category] = async (sql, change) => {
        await before?.(sql, change);
        await apply(sql, change, tables);
      };
    }
  }
  return writers;
}
