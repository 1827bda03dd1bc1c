import 'server-only';
import type { Actor } from '../actor';
import type { AgentSummary } from '../read-models/agent-summaries';
import { getChronicle } from '../runtime';

/** Numbers in names count as numbers: Scout 2 comes before Scout 10. */
const byName = (a: AgentSummary, b: AgentSummary) =>
  a.name.localeCompare(b.name, 'en', { numeric: true }) ||
  a.agentId.localeCompare(b.agentId, 'en', { numeric: true });

/** Every agent, by name, from the read model every write to an agent's stream keeps. */
export async function listAllAgents(actor: Actor): Promise<AgentSummary[]> {
  const { research } = await getChronicle();
  return (await research.listAgents({ actor })).sort(byName);
}
