'use client';

import { ChevronsDownUp, ChevronsUpDown } from 'lucide-react';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { CopyButton } from '../copy-button';
import { streamHref } from '../stream-href';
import { Timestamp } from '../timestamp';
import { Button } from '../ui/button';
import { eventHref } from './event-href';
import { JsonTree, type ExpandRule } from './json-tree';
import type { RecordedEvent } from '@/lib/event-store';

/** Open the first two levels: enough to read a typical event without drowning in a large one. */
const defaultRule: ExpandRule = (level) => level < 2;

export function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-xs text-zinc-800">{children}</dd>
    </div>
  );
}

const mono = 'font-mono break-all';

/** `more`: facts a page adds under the event's own (links to what it relates to). */
export function EventDetails({ event, more }: { event: RecordedEvent; more?: ReactNode }) {
  // A new function each click: the tree re-applies the rule whenever the function changes.
  const [rule, setRule] = useState<ExpandRule>(() => defaultRule);
  return (
    <div className="grid grid-cols-1 gap-4 px-4 py-4 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
      <dl className="divide-y divide-zinc-100">
        <Item label="Event id">
          <Link href={eventHref(event.eventId)} className={`${mono} hover:underline`}>
            {event.eventId}
          </Link>
        </Item>
        <Item label="Stream">
          <Link href={streamHref(event.streamId)} className={`${mono} hover:underline`}>
            {event.streamId}
          </Link>
        </Item>
        <Item label="Version · position">
          <span className="tabular-nums">
            {event.version} · {event.position}
          </span>
        </Item>
        <Item label="Schema version">{event.schemaVersion}</Item>
        <Item label="Occurred at">
          <Timestamp value={event.occurredAt} />
        </Item>
        <Item label="Recorded at">
          <Timestamp value={event.recordedAt} />
        </Item>
        <Item label="Previous hash">
          <span className={`${mono} text-zinc-600`}>{event.prevHash}</span>
        </Item>
        <Item label="Hash">
          <span className={`${mono} text-zinc-600`}>{event.hash}</span>
        </Item>
        {more}
      </dl>
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex items-center gap-1">
          <Button size="sm" variant="ghost" onClick={() => setRule(() => () => true)}>
            <ChevronsUpDown className="size-3.5" aria-hidden />
            Expand all
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setRule(() => (level: number) => level < 1)}
          >
            <ChevronsDownUp className="size-3.5" aria-hidden />
            Collapse all
          </Button>
          <CopyButton
            value={JSON.stringify(event, null, 2)}
            label="Copy raw JSON"
            title="Copy the whole event as JSON"
          />
        </div>
        {event.erasedFields && (
          <p className="text-xs text-zinc-600">
            Erased personal data (its subject was erased; these read null):{' '}
            <span className="font-mono">{event.erasedFields.join(', ')}</span>
          </p>
        )}
        <JsonTree label="Data" value={event.data} shouldExpand={rule} />
        <JsonTree label="Metadata" value={event.metadata} shouldExpand={rule} />
      </div>
    </div>
  );
}
