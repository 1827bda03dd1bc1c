'use client';

import { useQuery } from '@tanstack/react-query';
import type { Health } from '@/lib/health';
import { queryKeys } from './query-keys';

const HEALTH_POLL_MS = 10_000;

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/api/v1/health', { cache: 'no-store' });
  // 503 means the database is down; any other failure also means the console cannot trust it.
  if (!response.ok) throw new Error(`health check answered ${response.status}`);
  return (await response.json()) as Health;
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: fetchHealth,
    refetchInterval: HEALTH_POLL_MS,
    retry: false,
  });
}
