'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { StreamPage } from '@/lib/event-store/read-stream';
import { queryKeys } from './query-keys';
import { TIMELINE_PAGE_SIZE } from '@/components/timeline/page-size';

async function fetchPage(streamId: string, fromVersion: number): Promise<StreamPage> {
  const query = new URLSearchParams({
    fromVersion: String(fromVersion),
    limit: String(TIMELINE_PAGE_SIZE),
    direction: 'forward',
  });
  const response = await fetch(`/api/v1/streams/${encodeURIComponent(streamId)}/events?${query}`, {
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`the events could not be read (${response.status})`);
  return (await response.json()) as StreamPage;
}

/**
 * A stream's events oldest first, a page at a time (keyset by version) as the reader scrolls.
 * The first page comes with the page from the server: its read is the page's own.
 */
export function useStreamPages(streamId: string, firstPage: StreamPage) {
  return useInfiniteQuery({
    queryKey: queryKeys.timeline(streamId, firstPage.version),
    queryFn: ({ pageParam }) => fetchPage(streamId, pageParam),
    initialData: { pages: [firstPage], pageParams: [1] },
    initialPageParam: 1,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: Infinity,
  });
}
