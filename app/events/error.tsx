'use client';

import { ErrorState } from '@/components/error-state';

export default function EventsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="Events could not be loaded" error={error} retry={retry} />;
}
