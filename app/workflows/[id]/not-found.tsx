import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { Card } from '@/components/ui/card';

export default function WorkflowNotFound() {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <EmptyState title="Workflow not found">
        No workflow has this id, or it has no such version.{' '}
        <Link href="/workflows" className="underline">
          Browse all workflows
        </Link>
        .
      </EmptyState>
    </Card>
  );
}
