'use client';

import Link from 'next/link';
import { useState } from 'react';
import { HashText } from '../hash-text';
import { StreamName } from '../stream-name';
import { Times } from '../times';
import { Timestamp } from '../timestamp';
import { cn } from '../ui/cn';
import { DisclosureButton } from '../ui/disclosure-button';
import { TableCell, TableRow } from '../ui/table';
import { EventDetailsRow } from './event-details-row';
import { eventHref } from './event-href';
import type { RecordedEvent } from '@/lib/event-store';

/** Both tables have as many columns: the log's stream column takes the place of occurred-at. */
const EVENT_COLUMNS = 7;

/** `label`: what the read models call the event's stream, shown beside its id in the log. */
export function EventRow({
  event,
  showStream,
  label,
}: {
  event: RecordedEvent;
  showStream: boolean;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <TableRow className={cn(open && 'bg-zinc-50')}>
        <TableCell className="w-8 pr-0">
          <DisclosureButton
            open={open}
            onToggle={() => setOpen(!open)}
            label={`${open ? 'Hide' : 'Show'} event ${event.streamId}@${event.version}`}
          />
        </TableCell>
        {showStream && (
          <TableCell className="max-w-72">
            <StreamName streamId={event.streamId} label={label} />
          </TableCell>
        )}
        <TableCell className="text-right tabular-nums">{event.version}</TableCell>
        <TableCell>
          <button
            type="button"
            onClick={() => setOpen(!open)}
            className="text-left font-medium text-zinc-900 hover:underline"
          >
            {event.type}
          </button>
        </TableCell>
        <TableCell className="text-right tabular-nums">
          <Link
            href={eventHref(event.eventId)}
            aria-label={`Open the event at position ${event.position}`}
            title="Open the event's page"
            className="text-zinc-900 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-900"
          >
            {event.position}
          </Link>
        </TableCell>
        {showStream ? (
          <TableCell>
            <Times shown="recorded" recordedAt={event.recordedAt} occurredAt={event.occurredAt} />
          </TableCell>
        ) : (
          <>
            <TableCell>
              <Timestamp value={event.occurredAt} />
            </TableCell>
            <TableCell>
              <Timestamp value={event.recordedAt} />
            </TableCell>
          </>
        )}
        <TableCell>
          <HashText value={event.hash} length={10} copy={false} />
        </TableCell>
      </TableRow>
      {open && <EventDetailsRow event={event} columns={EVENT_COLUMNS} />}
    </>
  );
}
