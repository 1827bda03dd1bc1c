import type { Metadata } from 'next';
import { AgentTable } from '@/components/agents/agent-table';
import { timesAtVersions } from '@/lib/console/event-times';
import { listAllAgents } from '@/lib/console/list-agents';
import { agentStreamId } from '@/lib/domain/agent';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { requireActor } from '../../_session/session';

export const metadata: Metadata = { title: 'Agents' };

export default async function AgentsPage() {
  const actor = await requireActor();
  const agents = await listAllAgents(actor);
  const times = await timesAtVersions(
    actor,
    agents.map(({ agentId, version }) => ({ streamId: agentStreamId(agentId), version })),
  );
  return (
    <>
      <PageHeader
        title="Agents"
        description="The AI agents that work on research steps, by name, with what their tasks cost."
      />
      <Card>
        {agents.length === 0 ? (
          <EmptyState title="No agents yet">
            An agent appears here once it is registered: an AgentRegistered event on its stream,
            agent-&lt;id&gt;.
          </EmptyState>
        ) : (
          <AgentTable agents={agents} times={times} />
        )}
      </Card>
    </>
  );
}
