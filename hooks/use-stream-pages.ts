'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { StreamPage } from '@/lib/event-store/read-stream';
import { queryKeys } from './query-keys';

/** Events per request: a screenful many times over, far below the API's limit of 1000. */
const PAGE_SIZE = 200;

async function fetchPage(streamId: string, fromVersion: number): Promise<StreamPage> {
  const query = new URLSearchParams({
    fromVersion: String(fromVersion),
    limit: String(PAGE_SIZE),
    direction: 'forward',
  });
  const response = await fetch(`/api/v1/streams/${encodeURIComponent(streamId)}/events?${query}`, {
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`the events could not be read (${response.status})`);
  return (await response.json()) as StreamPage;
}

/** A stream's events oldest first, a page at a time (keyset by version) as the reader scrolls. */
export function useStreamPages(streamId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.timeline(streamId),
    queryFn: ({ pageParam }) => fetchPage(streamId, pageParam),
    initialPageParam: 1,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: Infinity,
  });
}
