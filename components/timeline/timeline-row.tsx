'use client';

import { JsonTree, type ExpandRule } from '../events/json-tree';
import { DisclosureButton } from '../ui/disclosure-button';
import { Timestamp } from '../timestamp';
import { typeSummary, type EventGroup } from './timeline-groups';
import type { RecordedEvent } from '@/lib/event-store';

export type TimelineView = 'compact' | 'full' | 'raw';

const everything: ExpandRule = () => true;

const versions = (events: readonly RecordedEvent[]) => {
  const first = events[0]!.version;
  const last = events.at(-1)!.version;
  return first === last ? `v${first}` : `v${first}–${last}`;
};

const oneLine = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

function Header({
  open,
  onToggle,
  label,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <DisclosureButton open={open} onToggle={onToggle} label={label} />
      {children}
    </div>
  );
}

/** One line of the compact view: a run of related events, opened to list them. */
export function GroupRow({
  group,
  open,
  onToggle,
}: {
  group: EventGroup;
  open: boolean;
  onToggle: () => void;
}) {
  const { events } = group;
  return (
    <div className="px-3 py-1.5">
      <Header
        open={open}
        onToggle={onToggle}
        label={`${open ? 'Hide' : 'Show'} events ${versions(events)}`}
      >
        <span className="w-20 shrink-0 font-mono text-xs text-zinc-600 tabular-nums">
          {versions(events)}
        </span>
        <span className="min-w-0 truncate text-sm font-medium text-zinc-900">
          {typeSummary(events)}
        </span>
        {events.length > 1 && (
          <span className="shrink-0 rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 tabular-nums">
            {events.length} events
          </span>
        )}
        <span className="min-w-0 truncate font-mono text-xs text-zinc-600">{group.label}</span>
        <Timestamp value={events[0]!.recordedAt} className="ml-auto text-zinc-600" />
      </Header>
      {open && (
        <ol className="mt-1 ml-8 border-l border-zinc-200 pl-3">
          {events.map((event) => (
            <li key={event.version} className="flex items-baseline gap-3 py-0.5 text-xs">
              <span className="w-12 font-mono text-zinc-600 tabular-nums">v{event.version}</span>
              <span className="font-medium text-zinc-900">{event.type}</span>
              <span className="min-w-0 flex-1 truncate font-mono text-zinc-600">
                {oneLine(event.data)}
              </span>
              <Timestamp value={event.recordedAt} className="text-zinc-600" />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** One event of the full or raw view: its data as a tree, or the whole event as JSON. */
export function EventLine({
  event,
  view,
  open,
  onToggle,
}: {
  event: RecordedEvent;
  view: Exclude<TimelineView, 'compact'>;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <div className="px-3 py-1.5">
      <Header
        open={open}
        onToggle={onToggle}
        label={`${open ? 'Hide' : 'Show'} event v${event.version}`}
      >
        <span className="w-20 shrink-0 font-mono text-xs text-zinc-600 tabular-nums">
          v{event.version}
        </span>
        <span className="shrink-0 text-sm font-medium text-zinc-900">{event.type}</span>
        {!open && (
          <span className="min-w-0 truncate font-mono text-xs text-zinc-600">
            {oneLine(view === 'raw' ? event : event.data)}
          </span>
        )}
        <Timestamp value={event.recordedAt} className="ml-auto text-zinc-600" />
      </Header>
      {open &&
        (view === 'raw' ? (
          <pre className="mt-1 ml-8 overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs leading-5 text-zinc-800">
            {JSON.stringify(event, null, 2)}
          </pre>
        ) : (
          <div className="mt-1 ml-8 grid grid-cols-1 gap-1 lg:grid-cols-2">
            <JsonTree label="Data" value={event.data} shouldExpand={everything} />
            <JsonTree label="Metadata" value={event.metadata} shouldExpand={everything} />
          </div>
        ))}
    </div>
  );
}
