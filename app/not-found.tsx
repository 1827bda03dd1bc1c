import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { Card } from '@/components/ui/card';

export default function NotFound() {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <EmptyState title="Page not found">
        There is no page at this address.{' '}
        <Link href="/" className="underline">
          Go to the dashboard
        </Link>
        .
      </EmptyState>
    </Card>
  );
}
