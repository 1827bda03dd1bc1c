import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { Card } from '@/components/ui/card';

export default function StreamNotFound() {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <EmptyState title="Stream not found">
        No stream with this id exists. A stream appears with its first event.{' '}
        <Link href="/streams" className="underline">
          Browse all streams
        </Link>
        .
      </EmptyState>
    </Card>
  );
}
