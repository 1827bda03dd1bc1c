'use client';

import { ErrorState } from '@/components/error-state';

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="This page could not be loaded" error={error} retry={retry} />;
}
