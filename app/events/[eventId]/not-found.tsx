import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { Card } from '@/components/ui/card';

export default function EventNotFound() {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <EmptyState title="Event not found">
        No event has this id. Event ids are UUIDs, as the REST API and the explorer show them.{' '}
        <Link href="/events" className="underline">
          Browse the log
        </Link>
        .
      </EmptyState>
    </Card>
  );
}
