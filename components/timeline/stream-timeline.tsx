'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronsDownUp, ChevronsUpDown, Download } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, buttonClasses } from '../ui/button';
import { CardHeader, CardTitle } from '../ui/card';
import { ToggleGroup } from '../ui/toggle-group';
import { groupEvents } from './timeline-groups';
import { EventLine, GroupRow, type TimelineView } from './timeline-row';
import { useStreamPages } from '@/hooks/use-stream-pages';
import type { StreamPage } from '@/lib/event-store/read-stream';

const VIEWS: { view: TimelineView; label: string }[] = [
  { view: 'compact', label: 'Compact' },
  { view: 'full', label: 'Full' },
  { view: 'raw', label: 'Raw JSON' },
];

/** Estimated row heights by view, before a row is measured. */
const ESTIMATES: Record<TimelineView, [closed: number, open: number]> = {
  compact: [36, 120],
  full: [36, 220],
  raw: [36, 420],
};

/**
 * A stream's history, oldest first, in a scrolling window that renders only the rows in view
 * and loads the next page of events as the reader nears the end of those loaded: a stream of
 * 100,000 events costs what its visible rows cost.
 */
export function StreamTimeline({
  streamId,
  version,
  firstPage,
}: {
  streamId: string;
  version: number;
  firstPage: StreamPage;
}) {
  const pages = useStreamPages(streamId, firstPage);
  const [view, setView] = useState<TimelineView>('compact');
  // Each row is open when the view's default says so, unless the reader flipped it.
  const [openByDefault, setOpenByDefault] = useState(false);
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const events = useMemo(
    () => pages.data?.pages.flatMap((page) => page.events) ?? [],
    [pages.data],
  );
  const rows = useMemo(
    () =>
      view === 'compact'
        ? groupEvents(events).map((group) => ({ key: group.key, group }))
        : events.map((event) => ({ key: `v${event.version}`, event })),
    [events, view],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const isOpen = (key: string) => openByDefault !== flipped.has(key);
  // The virtualizer is a mutable object by design; this component is simply not memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length + (pages.hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: (index) => {
      const row = rows[index];
      return ESTIMATES[view][row && isOpen(row.key) ? 1 : 0];
    },
    getItemKey: (index) => rows[index]?.key ?? 'more',
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 1) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  const choose = (next: TimelineView) => {
    setView(next);
    setOpenByDefault(next === 'full');
    setFlipped(new Set());
  };
  const setAll = (open: boolean) => {
    setOpenByDefault(open);
    setFlipped(new Set());
  };
  const toggle = (key: string) =>
    setFlipped((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <>
      <CardHeader>
        <CardTitle id="timeline-title">Timeline</CardTitle>
        <div className="flex flex-wrap items-center gap-2">
          <ToggleGroup
            label="View"
            options={VIEWS.map((option) => ({
              label: option.label,
              active: view === option.view,
              onSelect: () => choose(option.view),
            }))}
          />
          <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
            <ChevronsUpDown className="size-3.5" aria-hidden />
            Expand all
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setAll(false)}>
            <ChevronsDownUp className="size-3.5" aria-hidden />
            Collapse all
          </Button>
          <a
            href={`/api/v1/streams/${encodeURIComponent(streamId)}/events/download`}
            download
            className={buttonClasses({ size: 'sm' })}
          >
            <Download className="size-3.5" aria-hidden />
            Download JSON
          </a>
        </div>
      </CardHeader>
      <p className="border-b border-zinc-100 px-4 py-1.5 text-xs text-zinc-600" aria-live="polite">
        {pages.isPending
          ? 'Loading events…'
          : pages.isError
            ? `The events could not be read: ${pages.error.message}`
            : `${events.length.toLocaleString('en-US')} of ${version.toLocaleString('en-US')} events loaded${
                view === 'compact' ? ` in ${rows.length.toLocaleString('en-US')} groups` : ''
              }${hasNextPage ? '; more load as you scroll' : ''}`}
      </p>
      <div
        ref={scroller}
        data-testid="timeline-scroller"
        tabIndex={0}
        aria-labelledby="timeline-title"
        className="max-h-[28rem] overflow-auto focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:outline-none"
      >
        <ol className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full border-b border-zinc-100"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {!row ? (
                  <p className="px-4 py-2 text-xs text-zinc-600">Loading more events…</p>
                ) : 'group' in row ? (
                  <GroupRow
                    group={row.group}
                    open={isOpen(row.key)}
                    onToggle={() => toggle(row.key)}
                  />
                ) : (
                  <EventLine
                    event={row.event}
                    view={view === 'raw' ? 'raw' : 'full'}
                    open={isOpen(row.key)}
                    onToggle={() => toggle(row.key)}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}
