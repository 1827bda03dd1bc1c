import { notFound } from '../errors';
import { agentActivity } from './agent-activity';
import { agentSummary } from './agent-summary';
import { eventStats } from './event-stats';
import type { Projection } from './projection';
import { workflowSummary } from './workflow-summary';

/** The projections the app ships. */
export const projectionCatalog: readonly Projection[] = [
  workflowSummary,
  agentSummary,
  agentActivity,
  eventStats,
];

export function projectionNamed(projections: readonly Projection[], name: string): Projection {
  const projection = projections.find((p) => p.name === name);
  if (!projection) throw notFound(`Projection ${name} does not exist`);
  return projection;
}
