'use client';

import Link from 'next/link';
import { useState } from 'react';
import { EventDetailsRow } from '../events/event-details-row';
import { Times } from '../times';
import { cn } from '../ui/cn';
import { DisclosureButton } from '../ui/disclosure-button';
import { TableCell, TableRow } from '../ui/table';
import { workflowHref } from './workflow-href';
import type { RecordedEvent } from '@/lib/event-store';

export const HISTORY_COLUMNS = 6;

/** One event of a workflow's history: a line that opens to the whole event as JSON. */
export function HistoryEntry({
  event,
  workflowId,
  summary,
  current,
  shown,
}: {
  event: RecordedEvent;
  workflowId: string;
  summary: string;
  /** The workflow's latest version: its state is the page itself, not a view as of it. */
  current: number;
  /** The version the page shows, highlighted in the history. */
  shown: number;
}) {
  const [open, setOpen] = useState(false);
  const actor = typeof event.metadata.actor === 'string' ? event.metadata.actor : undefined;
  return (
    <>
      <TableRow className={cn((open || event.version === shown) && 'bg-zinc-50')}>
        <TableCell className="w-8 pr-0">
          <DisclosureButton
            open={open}
            onToggle={() => setOpen(!open)}
            label={`${open ? 'Hide' : 'Show'} version ${event.version}, ${event.type}`}
          />
        </TableCell>
        <TableCell className="w-12 text-right tabular-nums">{event.version}</TableCell>
        <TableCell className="min-w-0">
          <p className="font-medium text-zinc-900">{event.type}</p>
          <p className="line-clamp-1 text-xs break-all text-zinc-500" title={summary}>
            {summary}
          </p>
        </TableCell>
        <TableCell className="text-xs whitespace-nowrap text-zinc-600">{actor ?? '—'}</TableCell>
        <TableCell className="whitespace-nowrap">
          <Times shown="occurred" occurredAt={event.occurredAt} recordedAt={event.recordedAt} />
        </TableCell>
        <TableCell className="text-right text-xs whitespace-nowrap">
          {event.version === shown ? (
            <span className="text-zinc-500">{shown === current ? 'current' : 'viewing'}</span>
          ) : (
            <Link
              href={workflowHref(workflowId, event.version === current ? undefined : event.version)}
              className="text-zinc-500 hover:text-zinc-900 hover:underline"
            >
              {event.version === current ? 'View current' : 'View this version'}
            </Link>
          )}
        </TableCell>
      </TableRow>
      {open && <EventDetailsRow event={event} columns={HISTORY_COLUMNS} />}
    </>
  );
}
