import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { Card } from '@/components/ui/card';

export default function AgentNotFound() {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <EmptyState title="Agent not found">
        No agent has this id.{' '}
        <Link href="/agents" className="underline">
          Browse all agents
        </Link>
        .
      </EmptyState>
    </Card>
  );
}
