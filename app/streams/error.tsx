'use client';

import { ErrorState } from '@/components/error-state';

export default function StreamsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="Streams could not be loaded" error={error} retry={retry} />;
}
