'use client';

import { ArrowUp, Radio } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../ui/button';
import { EventTable } from './event-table';
import { useLiveEvents, type LiveStatus } from '@/hooks/use-live-events';
import type { RecordedEvent } from '@/lib/event-store/types';
import { plural } from '../format';

/** How many events the live view keeps on screen; older ones are on the pages of the log. */
const KEEP = 500;
/** Scrolled further down than this, the reader is reading: new events wait behind a button. */
const AWAY_PX = 120;

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Following new events as they commit',
  retrying: 'Connection lost; reconnecting…',
};

/**
 * The explorer's table in live mode, newest first: new events go on top while the reader is at
 * the top of the page; once they have scrolled away, the list stays still and a button counts
 * what has arrived.
 */
export function LiveEventTable({
  events,
  labels,
  query,
  after,
}: {
  events: RecordedEvent[];
  labels: Record<string, string>;
  query: string;
  after: number;
}) {
  const [shown, setShown] = useState<RecordedEvent[]>([]);
  const [waiting, setWaiting] = useState<RecordedEvent[]>([]);
  const top = useRef<HTMLDivElement>(null);
  const status = useLiveEvents({
    query,
    after,
    onEvents: (arrived) => {
      const newestFirst = arrived.toReversed();
      if (window.scrollY > AWAY_PX) setWaiting((current) => [...newestFirst, ...current]);
      else setShown((current) => [...newestFirst, ...current].slice(0, KEEP));
    },
  });
  const showWaiting = () => {
    setShown((current) => [...waiting, ...current].slice(0, KEEP));
    setWaiting([]);
    top.current?.scrollIntoView({ block: 'start' });
  };
  useEffect(() => {
    const onScroll = () => {
      if (window.scrollY <= AWAY_PX && waiting.length > 0) {
        setShown((current) => [...waiting, ...current].slice(0, KEEP));
        setWaiting([]);
      }
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [waiting]);
  const labelMap = useMemo(() => new Map(Object.entries(labels)), [labels]);
  const all = [...shown, ...events].slice(0, KEEP);
  return (
    <div ref={top} className="scroll-mt-4">
      <div className="flex items-center gap-2 border-b border-zinc-100 px-4 py-2 text-xs text-zinc-600">
        <Radio
          className={status === 'live' ? 'size-3.5 text-emerald-700' : 'size-3.5 text-amber-700'}
          aria-hidden
        />
        <span role="status">{STATUS_TEXT[status]}</span>
        {shown.length > 0 && (
          <span className="text-zinc-500">· {shown.length} new since you switched it on</span>
        )}
      </div>
      {waiting.length > 0 && (
        <div className="sticky top-2 z-10 flex justify-center">
          <Button size="sm" variant="primary" onClick={showWaiting} className="shadow-md">
            <ArrowUp className="size-3.5" aria-hidden />
            {waiting.length} new {plural(waiting.length, 'event')}
          </Button>
        </div>
      )}
      {all.length > 0 ? (
        <EventTable events={all} showStream labels={labelMap} />
      ) : (
        <p className="px-4 py-10 text-center text-sm text-zinc-500">
          No events yet: new ones appear here as they are committed.
        </p>
      )}
    </div>
  );
}
