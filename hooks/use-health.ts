'use client';

import { useQuery } from '@tanstack/react-query';
import type { Health } from '@/lib/health';
import { queryKeys } from './query-keys';

/** The console's sidebar reads /health this often: a warning shows at most this much later. */
export const HEALTH_POLL_MS = 10_000;

/** The console's reading of a `/health` answer: 503 means the database is down. */
export async function healthFrom(response: Response): Promise<Health> {
  // Any other failure also means the console cannot trust the database.
  if (!response.ok) throw new Error(`health check answered ${response.status}`);
  return (await response.json()) as Health;
}

async function fetchHealth(): Promise<Health> {
  return healthFrom(await fetch('/api/v1/health', { cache: 'no-store' }));
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: fetchHealth,
    refetchInterval: HEALTH_POLL_MS,
    retry: false,
  });
}
