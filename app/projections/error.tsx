'use client';

import { ErrorState } from '@/components/error-state';

export default function ProjectionsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="Projections could not be loaded" error={error} retry={retry} />;
}
