'use client';

import { ErrorState } from '@/components/error-state';

export default function AgentsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="Agents could not be loaded" error={error} retry={retry} />;
}
