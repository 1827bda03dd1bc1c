'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import type { AuditEntry } from '@/lib/console/audit-log';
import { hrefWith } from '@/lib/console/search-params';
import { CopyButton } from '../copy-button';
import { JsonTree } from '../events/json-tree';
import { streamHref } from '../stream-href';
import { TimeLabel } from '../times';
import { Timestamp } from '../timestamp';
import { cn } from '../ui/cn';
import { DisclosureButton } from '../ui/disclosure-button';
import { TableCell, TableRow } from '../ui/table';
import { OutcomeBadge } from './outcome-badge';

export const AUDIT_COLUMNS = 6;

const mono = 'font-mono text-xs text-zinc-600';
const none = <span className="text-zinc-500">—</span>;

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="text-sm break-all text-zinc-800">{children}</dd>
    </div>
  );
}

/**
 * One act on the audit trail; opened, everything its event holds. `href`: the page of its
 * target, when there is one; `label`: what the read models call a target stream.
 */
export function AuditRow({
  entry,
  href,
  label,
}: {
  entry: AuditEntry;
  href: string | null;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const { data } = entry;
  const { actor, target } = data;
  return (
    <>
      <TableRow className={cn(open && 'bg-zinc-50')}>
        <TableCell className="w-8 pr-0">
          <DisclosureButton
            open={open}
            onToggle={() => setOpen(!open)}
            label={`${open ? 'Hide' : 'Show'} ${entry.action} at ${entry.occurredAt}`}
          />
        </TableCell>
        <TableCell>
          <Timestamp value={entry.occurredAt} />
        </TableCell>
        <TableCell>
          <span className="flex flex-col items-start gap-0.5">
            <button
              type="button"
              onClick={() => setOpen(!open)}
              className="text-left font-medium text-zinc-900 hover:underline"
            >
              {entry.action}
            </button>
            <OutcomeBadge outcome={data.outcome} />
          </span>
        </TableCell>
        <TableCell className="max-w-44">
          {actor ? (
            <span className="flex min-w-0 flex-col">
              <Link
                href={hrefWith('/audit', { actor: actor.id })}
                title={`Only what ${actor.name ?? actor.id} did`}
                className="truncate text-zinc-900 hover:underline"
              >
                {actor.name ?? actor.id}
              </Link>
              <span className="text-xs text-zinc-500">
                {actor.role} · {actor.via}
              </span>
            </span>
          ) : (
            <span className="text-zinc-500" title="Nobody was signed in">
              anonymous
            </span>
          )}
        </TableCell>
        <TableCell className="max-w-48">
          {target === null ? (
            none
          ) : (
            <span className="flex min-w-0 flex-col">
              {href ? (
                <Link
                  href={href}
                  title={target}
                  className="truncate font-mono text-xs text-zinc-900 hover:underline"
                >
                  {target}
                </Link>
              ) : (
                <span title={target} className="truncate font-mono text-xs text-zinc-700">
                  {target}
                </span>
              )}
              {label && (
                <span title={label} className="truncate text-xs text-zinc-500">
                  {label}
                </span>
              )}
            </span>
          )}
        </TableCell>
        <TableCell>
          <span className="flex flex-col">
            <span className={mono}>{data.clientAddress ?? none}</span>
            {data.requestId && (
              <span title={`Request ${data.requestId}`} className="font-mono text-xs text-zinc-500">
                {data.requestId.slice(0, 8)}
              </span>
            )}
          </span>
        </TableCell>
      </TableRow>
      {open && (
        <tr className="bg-zinc-50/60">
          <td colSpan={AUDIT_COLUMNS} className="border-t border-zinc-100 px-4 py-3">
            <div className="flex flex-col gap-3">
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 lg:grid-cols-4">
                <Fact label="Actor id">
                  {actor ? <span className={mono}>{actor.id}</span> : none}
                </Fact>
                <Fact label="Request id">
                  {data.requestId ? (
                    <span className="inline-flex items-center gap-1">
                      <span className={mono}>{data.requestId}</span>
                      <CopyButton value={data.requestId} title="Copy request id" />
                    </span>
                  ) : (
                    none
                  )}
                </Fact>
                <Fact label={<TimeLabel label="Taken in" kind="recorded" />}>
                  <Timestamp value={entry.recordedAt} />
                </Fact>
                <Fact label="Stored as">
                  <Link
                    href={hrefWith(streamHref(entry.streamId), {
                      direction: 'forward',
                      fromVersion: entry.version,
                    })}
                    className="font-mono text-xs text-zinc-900 hover:underline"
                  >
                    {entry.streamId} @ {entry.version}
                  </Link>
                </Fact>
              </dl>
              {data.detail && Object.keys(data.detail).length > 0 ? (
                <JsonTree label="Detail" value={data.detail} shouldExpand={() => true} />
              ) : (
                <p className="text-xs text-zinc-500">No further detail recorded.</p>
              )}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
