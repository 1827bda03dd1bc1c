'use client';

import { useQuery } from '@tanstack/react-query';
import type { StateAt } from '@/lib/temporal/state-at';
import { queryKeys } from './query-keys';

/** A point in a stream's history as the state route takes it, e.g. `version=3`. */
export type PointQuery = string;

async function fetchState(streamId: string, point: PointQuery): Promise<StateAt> {
  const response = await fetch(`/api/v1/streams/${encodeURIComponent(streamId)}/state?${point}`, {
    cache: 'no-store',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `the state could not be read (${response.status})`);
  }
  return (await response.json()) as StateAt;
}

/** A state the server read with the page, for the point the page opens at. */
export type InitialState = { point: PointQuery; state: StateAt };

/** The state rebuilt at a point; null: no valid point yet (nothing is asked). */
export function useStateAt(
  { streamId, version }: { streamId: string; version: number },
  point: PointQuery | null,
  initial?: InitialState,
) {
  return useQuery({
    queryKey: queryKeys.state(streamId, version, point ?? ''),
    queryFn: () => fetchState(streamId, point!),
    initialData: initial && initial.point === point ? initial.state : undefined,
    enabled: point !== null,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
