import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { TaskTable, type WorkflowNames } from '@/components/agents/task-table';
import { EmptyState } from '@/components/empty-state';
import { count, usd } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Breadcrumb } from '@/components/workflows/breadcrumb';
import { StatCard } from '@/components/stat-card';
import { Times } from '@/components/times';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { agentHref } from '@/components/workflows/agent-option';
import { FactList } from '@/components/workflows/fact-list';
import { StreamLink } from '@/components/workflows/stream-link';
import type { Actor } from '@/lib/actor';
import { agentTimeline } from '@/lib/console/agent-task-times';
import { agentTaskFilters } from '@/lib/console/filters';
import { streamIdFromSegment } from '@/lib/console/find-stream';
import { hrefWith, parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { sortTasks } from '@/lib/console/task-order';
import { agentStreamId } from '@/lib/domain/agent';
import { ChronicleError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { recordRead } from '../../_session/audit';
import { currentActor, requireActor } from '../../_session/session';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

/** The agent folded from its stream, or null when no agent has this id (once a request). */
const findAgent = cache(async (actor: Actor, segment: string) => {
  const agentId = streamIdFromSegment(segment);
  if (agentId === null) return null;
  try {
    const { research } = await getChronicle();
    return await research.getAgent({ actor, agentId });
  } catch (error) {
    // An id that cannot name a stream names no agent either.
    if (error instanceof ChronicleError && error.code === 'validation') return null;
    throw error;
  }
});

/** Titles of the workflows and steps the tasks belong to; a workflow that cannot be read keeps its id. */
async function workflowNames(actor: Actor, workflowIds: string[]): Promise<WorkflowNames> {
  const { research } = await getChronicle();
  const entries = await Promise.all(
    [...new Set(workflowIds)].map(async (workflowId) => {
      try {
        const workflow = await research.getWorkflow({ actor, workflowId });
        const steps = new Map(workflow.steps.map((step) => [step.stepId, step.title]));
        return [[workflowId, { title: workflow.title, steps }] as const];
      } catch (error) {
        if (error instanceof ChronicleError && error.code === 'not_found') return [];
        throw error;
      }
    }),
  );
  return new Map(entries.flat());
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await currentActor();
  const agent = actor && (await findAgent(actor, (await params).id));
  return { title: agent?.name ?? 'Agent' };
}

export default async function AgentPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const agent = await findAgent(actor, (await params).id);
  if (!agent) notFound();
  const query = parseSearchParams(agentTaskFilters, await searchParams);
  const sort = query.ok ? query.data.sort : agentTaskFilters.parse({}).sort;
  const [names, timeline] = await Promise.all([
    workflowNames(
      actor,
      agent.tasks.map((task) => task.workflowId),
    ),
    agentTimeline(actor, agent.agentId, agent.version),
  ]);
  const tasks = sortTasks(agent.tasks, timeline.tasks, sort);
  const { totals } = agent;
  const streamId = agentStreamId(agent.agentId);
  await recordRead(actor, streamId);
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/agents" label="Agents" />}
        title={agent.name}
        description={<StreamLink streamId={streamId} />}
      />
      <FactList
        facts={[
          { label: 'Model', value: <span className="font-mono text-xs">{agent.model}</span> },
          {
            label: 'Capabilities',
            value:
              agent.capabilities.length === 0 ? (
                <span className="text-zinc-500">none listed</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {agent.capabilities.map((capability) => (
                    <Badge key={capability}>{capability}</Badge>
                  ))}
                </span>
              ),
          },
          { label: 'Version', value: <span className="tabular-nums">{agent.version}</span> },
          {
            label: 'Registered',
            kind: 'occurred',
            value: <Times shown="occurred" {...timeline.registered} />,
          },
          {
            label: 'Last activity',
            kind: 'occurred',
            value: <Times shown="occurred" {...timeline.lastActivity} />,
          },
        ]}
      />
      {!query.ok && (
        <div className="mb-5">
          <Notice title="This order cannot be shown">
            <p>{query.error}; the tasks are newest first.</p>
          </Notice>
        </div>
      )}
      <div className="mb-5 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label="Tasks"
          value={totals.tasks}
          detail={`${count(totals.completed)} completed, ${count(totals.failed)} failed`}
        />
        <StatCard label="Tokens in" value={totals.tokensIn} />
        <StatCard label="Tokens out" value={totals.tokensOut} />
        <StatCard
          label="Cost"
          value={usd(totals.costUsd)}
          detail={
            totals.completed > 0
              ? `${usd(totals.costUsd / totals.completed)} a completed task`
              : undefined
          }
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Tasks</CardTitle>
          <span className="text-xs text-zinc-500">
            {count(agent.tasks.length)}, by when they{' '}
            {sort.endsWith('started') ? 'started' : 'ended'},{' '}
            {sort.startsWith('-') ? 'newest' : 'oldest'} first
          </span>
        </CardHeader>
        {agent.tasks.length === 0 ? (
          <EmptyState title="No tasks yet">
            A task starts when a running workflow’s step is started with this agent assigned.
          </EmptyState>
        ) : (
          <TaskTable
            tasks={tasks}
            names={names}
            sort={sort}
            sortHref={(next) => hrefWith(agentHref(agent.agentId), { sort: next })}
          />
        )}
      </Card>
    </>
  );
}
