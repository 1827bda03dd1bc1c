import { assertRole } from '../actor';
import type { StoreContext } from './context';
import { readAll } from './read-all';
import type { RecordedEvent, WithActor } from './types';

export type CorrelationPage = {
  correlationId: string;
  events: RecordedEvent[];
  /** Pass as `after` for more; every event of the group up to it has been read. */
  lastPosition: number;
};

/**
 * Every event sharing a correlation id, across streams, in `$all` order: the gap-safe log read
 * through the (correlation id, position) index, one page at a time.
 */
export async function readCorrelation(
  ctx: StoreContext,
  params: WithActor<{ correlationId: string; after?: number; limit?: number }>,
): Promise<CorrelationPage> {
  assertRole(params.actor, 'auditor');
  const { actor, correlationId, after, limit } = params;
  const page = await readAll(ctx, { actor, correlationId, after, limit });
  return { correlationId, ...page };
}
