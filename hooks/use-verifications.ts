'use client';

import { useQuery } from '@tanstack/react-query';
import type { VerificationRun } from '@/lib/integrity/verification-runs';
import { RECENT_VERIFICATIONS } from '@/components/integrity/recent-checks';
import { queryKeys } from './query-keys';

const POLL_MS = 1000;

const active = (run: VerificationRun) => run.status === 'queued' || run.status === 'running';

async function fetchRuns(): Promise<VerificationRun[]> {
  const response = await fetch(`/api/v1/verifications?limit=${RECENT_VERIFICATIONS}`, {
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`verifications answered ${response.status}`);
  return ((await response.json()) as { runs: VerificationRun[] }).runs;
}

/** The latest checks, re-read every second while one of them is queued or running. */
export function useVerifications(initial: VerificationRun[]) {
  return useQuery({
    queryKey: queryKeys.verifications,
    queryFn: fetchRuns,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some(active) ? POLL_MS : false),
  });
}
