import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { listAllAgents } from '@/lib/console/list-agents';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Breadcrumb } from '@/components/workflows/breadcrumb';
import { Times } from '@/components/times';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { AddStepForm } from '@/components/workflows/add-step-form';
import { FactList } from '@/components/workflows/fact-list';
import { StreamLink } from '@/components/workflows/stream-link';
import { MethodologyView } from '@/components/workflows/methodology-view';
import { StatusBadge } from '@/components/workflows/status-badge';
import { StepTable } from '@/components/workflows/step-table';
import { WorkflowActions } from '@/components/workflows/workflow-actions';
import { WORKFLOW_BUTTONS } from '@/components/workflows/workflow-buttons';
import { workflowHref } from '@/components/workflows/workflow-href';
import { WorkflowHistory } from '@/components/workflows/workflow-history';
import { can, type Actor } from '@/lib/actor';
import { eventTimes, versionKey } from '@/lib/console/event-times';
import { parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { workflowStreamId } from '@/lib/domain/workflow';
import { allowedCommands } from '@/lib/domain/workflow/transitions';
import type { Workflow } from '@/lib/domain/workflow/state';
import { ChronicleError } from '@/lib/errors';
import type { WorkflowView } from '@/lib/read-models/workflow-summaries';
import { getChronicle } from '@/lib/runtime';
import { recordRead } from '../../_session/audit';
import { currentActor, requireActor } from '../../_session/session';
import { runWorkflowCommand } from './actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

const HISTORY_LIMIT = 50;

const pageQuery = z.object({
  asOf: z.coerce
    .number({ error: 'asOf must be a version number' })
    .int('asOf must be a whole number')
    .min(1, 'asOf must be 1 or more')
    .optional(),
});

/** The workflow from the read model, or null when there is none with this id (once a request). */
const findWorkflow = cache(async (actor: Actor, id: string): Promise<WorkflowView | null> => {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    const { research } = await getChronicle();
    return await research.getWorkflow({ actor, workflowId: id });
  } catch (error) {
    if (error instanceof ChronicleError && error.code === 'not_found') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await currentActor();
  const workflow = actor && (await findWorkflow(actor, (await params).id));
  return { title: workflow?.title ?? 'Workflow' };
}

export default async function WorkflowPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const current = await findWorkflow(actor, (await params).id);
  if (!current) notFound();
  const query = parseSearchParams(pageQuery, await searchParams);
  const asOf = query.ok && query.data.asOf !== current.version ? query.data.asOf : undefined;
  if (asOf !== undefined && asOf > current.version) notFound();
  const { store, stateAt } = await getChronicle();
  const streamId = workflowStreamId(current.workflowId);
  const version = asOf ?? current.version;
  // The times of the first event and of the one the page shows: at an earlier version, the
  // workflow's last update is that version's, not today's.
  const ends = [1, version].map((v) => ({ streamId, version: v }));
  const [earlier, history, agentList, times] = await Promise.all([
    asOf === undefined ? undefined : stateAt({ actor, streamId, point: { version: asOf } }),
    store.readStream({
      actor,
      streamId,
      direction: 'backward',
      limit: HISTORY_LIMIT,
    }),
    listAllAgents(actor),
    eventTimes(actor, ends),
  ]);
  await recordRead(actor, streamId);
  const [created, updated] = ends.map((end) => times.get(versionKey(end)));
  const workflow = (earlier?.state as Workflow | undefined) ?? current;
  const agents = agentList.map(({ agentId, name }) => ({ agentId, name }));
  // Commands are for operators, and only on the current version.
  const editable = asOf === undefined && can(actor, 'operator');
  const allowed = editable ? allowedCommands(workflow) : [];
  const run = runWorkflowCommand.bind(null, current.workflowId);
  const done = workflow.steps.filter((step) => step.status === 'completed').length;
  const outcome = workflow.summary ?? workflow.reason;

  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/workflows" label="Workflows" />}
        title={workflow.title}
        description={<StreamLink streamId={streamId} />}
      />
      {!query.ok && (
        <div className="mb-5">
          <Notice title="This version cannot be shown">
            <p>{query.error}</p>
          </Notice>
        </div>
      )}
      {earlier && (
        <div className="mb-5">
          <Notice title={`Viewing version ${version} of ${current.version}: read-only`}>
            <p>
              The workflow as it was after its event at version {version}; its last update is that
              event’s.{' '}
              <Link href={workflowHref(current.workflowId)} className="underline">
                Back to the current version
              </Link>
            </p>
          </Notice>
        </div>
      )}
      <FactList
        facts={[
          { label: 'Status', value: <StatusBadge status={workflow.status} /> },
          { label: 'Version', value: <span className="tabular-nums">{version}</span> },
          {
            label: 'Steps done',
            value: (
              <span className="tabular-nums">
                {done}/{workflow.steps.length}
              </span>
            ),
          },
          {
            label: 'Created',
            kind: 'occurred',
            value: (
              <Times
                shown="occurred"
                occurredAt={created?.occurredAt ?? current.createdAt}
                recordedAt={created?.recordedAt}
              />
            ),
          },
          {
            label: 'Last update',
            kind: 'occurred',
            value: <Times shown="occurred" {...updated} />,
          },
        ]}
      />
      <div className="mb-5 grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Research question</CardTitle>
          </CardHeader>
          <CardContent className="text-sm whitespace-pre-wrap text-zinc-800">
            {workflow.question}
          </CardContent>
          {workflow.requestedBy !== undefined && (
            <CardContent className="border-t border-zinc-200 text-sm">
              <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                Requested by
              </p>
              {workflow.requestedBy === null ? (
                <p className="text-zinc-500 italic">Erased (personal data)</p>
              ) : (
                <p className="text-zinc-800">{workflow.requestedBy}</p>
              )}
            </CardContent>
          )}
          {outcome && (
            <CardContent className="border-t border-zinc-200 text-sm">
              <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                {workflow.summary
                  ? 'Summary'
                  : `Why it ${workflow.status === 'failed' ? 'failed' : 'was cancelled'}`}
              </p>
              <p className="whitespace-pre-wrap text-zinc-800">{outcome}</p>
            </CardContent>
          )}
        </Card>
        <MethodologyView methodology={workflow.methodology} />
      </div>
      {allowed.some((command) => WORKFLOW_BUTTONS.some(({ name }) => name === command)) && (
        <Card className="mb-5">
          <CardHeader>
            <CardTitle>Commands</CardTitle>
          </CardHeader>
          <CardContent>
            <WorkflowActions run={run} version={version} allowed={allowed} />
          </CardContent>
        </Card>
      )}
      <Card className="mb-5">
        <CardHeader>
          <CardTitle>Steps</CardTitle>
        </CardHeader>
        <StepTable
          workflow={workflow}
          version={version}
          agents={agents}
          run={run}
          editable={editable}
        />
        {allowed.includes('addStep') && <AddStepForm run={run} version={version} />}
      </Card>
      <WorkflowHistory page={history} workflow={current} agents={agents} shown={version} />
    </>
  );
}
