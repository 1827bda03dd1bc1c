import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { PageHeader } from '@/components/page-header';
import { Breadcrumb } from '@/components/workflows/breadcrumb';
import { Card } from '@/components/ui/card';
import { NewWorkflowForm } from '@/components/workflows/new-workflow-form';
import { can } from '@/lib/actor';
import { requireActor } from '../../_session/session';
import { createWorkflow } from './actions';

export const metadata: Metadata = { title: 'New workflow' };

export default async function NewWorkflowPage() {
  const actor = await requireActor();
  if (!can(actor, 'operator')) return <NotAllowed actor={actor} role="operator" />;
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/workflows" label="Workflows" />}
        title="New workflow"
        description="A workflow starts as a draft: add its steps, then start it."
      />
      <Card className="max-w-2xl">
        <NewWorkflowForm create={createWorkflow} />
      </Card>
    </>
  );
}
