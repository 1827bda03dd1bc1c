import 'server-only';
import { consoleActor } from '../console-actor';
import { agentAggregate } from '../domain/agent';
import { AGENT_CATEGORY } from '../domain/agent/events';
import { logger } from '../logger';
import type { AgentSummary } from '../read-models/agent-summaries';
import { getChronicle } from '../runtime';

/** Numbers in names count as numbers: Scout 2 comes before Scout 10. */
const byName = (a: AgentSummary, b: AgentSummary) =>
  a.name.localeCompare(b.name, 'en', { numeric: true }) ||
  a.agentId.localeCompare(b.agentId, 'en', { numeric: true });

/**
 * Every agent, by name. The agent_summaries read model is written only when the domain
 * changes an agent, so an agent registered by a plain append to its stream (the REST API's
 * streams route) is missing from it until its first task: those are found by their stream and
 * folded from their events.
 */
export async function listAllAgents(): Promise<AgentSummary[]> {
  const { research, store } = await getChronicle();
  const actor = consoleActor;
  const [summaries, { streams }] = await Promise.all([
    research.listAgents({ actor }),
    store.listStreams({ actor, category: AGENT_CATEGORY, limit: 1000 }),
  ]);
  const known = new Set(summaries.map((summary) => summary.agentId));
  const missing = streams.filter((stream) => !known.has(agentAggregate.idOf(stream.streamId)));
  const folded = await Promise.all(
    missing.map(async (stream): Promise<AgentSummary | null> => {
      const agentId = agentAggregate.idOf(stream.streamId);
      try {
        const agent = await research.getAgent({ actor, agentId });
        if (!agent) return null;
        const { name, model, version, totals } = agent;
        return { agentId, name, model, version, ...totals, updatedAt: stream.updatedAt };
      } catch (error) {
        // A stream of the category that is not a valid agent history: leave it out, say why.
        logger().warn({ err: error, streamId: stream.streamId }, 'agent stream cannot be read');
        return null;
      }
    }),
  );
  return [...summaries, ...folded.filter((agent) => agent !== null)].sort(byName);
}
