'use client';

import { ErrorState } from '@/components/error-state';

export default function WorkflowsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="Workflows could not be loaded" error={error} retry={retry} />;
}
