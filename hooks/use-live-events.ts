'use client';

import { useEffect, useRef, useState } from 'react';
import type { RecordedEvent } from '@/lib/event-store/types';

/** `connecting` until the server says where it starts; `retrying` while the browser reconnects. */
export type LiveStatus = 'connecting' | 'live' | 'retrying';

/**
 * Follows `/api/v1/events/live` with the explorer's filters (`query`, a query string) from
 * `after`. The browser reconnects by itself after a drop, sending the last event's position
 * back as Last-Event-ID, so the server resumes there: nothing is missed or repeated. Closing
 * the page or turning live off closes the stream.
 */
export function useLiveEvents({
  query,
  after,
  onEvents,
}: {
  query: string;
  after: number;
  onEvents: (events: RecordedEvent[]) => void;
}): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onEvents);
  useEffect(() => {
    handler.current = onEvents;
  });
  useEffect(() => {
    const params = new URLSearchParams(query);
    params.set('after', String(after));
    const source = new EventSource(`/api/v1/events/live?${params}`);
    // Events that arrive together are shown together: one render per frame, not per event.
    let batch: RecordedEvent[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const events = batch;
      batch = [];
      handler.current(events);
    };
    source.addEventListener('ready', () => setStatus('live'));
    source.addEventListener('event', (message) => {
      batch.push(JSON.parse((message as MessageEvent<string>).data) as RecordedEvent);
      frame ||= requestAnimationFrame(flush);
    });
    source.addEventListener('error', () => setStatus('retrying'));
    source.addEventListener('open', () => setStatus('live'));
    return () => {
      cancelAnimationFrame(frame);
      source.close();
    };
  }, [query, after]);
  return status;
}
