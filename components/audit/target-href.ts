import { agentAggregate } from '@/lib/domain/agent';
import { AGENT_CATEGORY } from '@/lib/domain/agent/events';
import { workflowAggregate } from '@/lib/domain/workflow';
import { CATEGORY as WORKFLOW_CATEGORY } from '@/lib/domain/workflow/events';
import { categoryOf } from '@/lib/event-store/stream-id';
import { streamHref } from '../stream-href';
import { agentHref } from '../workflows/agent-option';
import { workflowHref } from '../workflows/workflow-href';

/** Targets that name a whole page rather than a thing on it. */
const PAGES: Record<string, string> = {
  $all: '/events',
  workflows: '/workflows',
  snapshots: '/snapshots',
  replays: '/projections',
};

/**
 * The console page of an audit event's target, when there is one the viewer may open: a
 * stream (its workflow's or agent's page for those), a user or a token (admins only), a replay
 * or a projection's failure, a list.
 * `streams`: which stream-like targets exist; a link must not lead to a 404.
 */
export function auditTargetHref(
  target: string,
  { streams, admin }: { streams: Set<string>; admin: boolean },
): string | null {
  const page = PAGES[target];
  if (page) return page;
  const [, kind, id = ''] = /^(user|token):(.+)$/.exec(target) ?? [];
  if (kind) return admin ? `/${kind}s#${kind}-${encodeURIComponent(id)}` : null;
  if (target === 'tokens') return admin ? '/tokens' : null;
  const [, replayId] = /^replay:(.+)$/.exec(target) ?? [];
  if (replayId) return `/projections?replay=${encodeURIComponent(replayId)}`;
  const [, eventId] = /^event:([0-9a-fA-F-]{36})$/.exec(target) ?? [];
  if (eventId) return `/events/${eventId}`;
  const [, correlationId] = /^correlation:(.+)$/.exec(target) ?? [];
  if (correlationId) return `/events?correlationId=${encodeURIComponent(correlationId)}`;
  const [, projection] = /^projection:([^/]+)\/failure:/.exec(target) ?? [];
  if (projection) return `/projections#failures-${encodeURIComponent(projection)}`;
  if (!streams.has(target)) return null;
  const category = categoryOf(target);
  if (category === WORKFLOW_CATEGORY) return workflowHref(workflowAggregate.idOf(target));
  if (category === AGENT_CATEGORY) return agentHref(agentAggregate.idOf(target));
  return streamHref(target);
}
