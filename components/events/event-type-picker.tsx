'use client';

import { ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import type { EventTypeGroup } from '@/lib/console/event-type-options';

function summary(selected: string[], noun: string): string {
  if (selected.length === 0) return `All ${noun}s`;
  if (selected.length <= 2) return selected.join(', ');
  return `${selected.slice(0, 2).join(', ')} +${selected.length - 2}`;
}

/**
 * The event types of a GET filter form, several at once, picked from the store's known types
 * (so a type is never mistyped or wrongly cased). Each chosen type is a checkbox of the form
 * (`name`), sent whether the list is open or not. The audit trail's actions are event types
 * too: `label` and `noun` say which are picked.
 */
export function EventTypePicker({
  groups,
  selected: initial,
  label = 'Event types',
  name = 'type',
  noun = 'type',
  findWhat = 'an event type',
}: {
  groups: EventTypeGroup[];
  selected: string[];
  label?: string;
  name?: string;
  noun?: string;
  /** What the search box finds, with its article. */
  findWhat?: string;
}) {
  const [selected, setSelected] = useState(() => new Set(initial));
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const finder = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const panelId = useId();
  const valueId = useId();
  const known = new Set(groups.flatMap((group) => group.types));
  // A type asked for in the URL stays choosable even when the store no longer offers it.
  const shown = [
    ...groups,
    { label: 'asked for', types: initial.filter((type) => !known.has(type)) },
  ].filter((group) => group.types.length > 0);
  const needle = search.trim().toLowerCase();
  const matches = (type: string) => type.toLowerCase().includes(needle);

  useEffect(() => {
    if (!open) return;
    finder.current?.focus();
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const toggle = (type: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(type)) next.add(type);
      return next;
    });

  return (
    <div ref={root} className="relative flex flex-col gap-1 text-xs font-medium text-zinc-600">
      <span id={labelId}>{label}</span>
      <button
        type="button"
        aria-labelledby={`${labelId} ${valueId}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="flex h-8 w-52 items-center justify-between gap-2 rounded-md border border-zinc-300 bg-white px-2 text-left text-sm font-normal text-zinc-900 focus-visible:border-zinc-500 focus-visible:ring-2 focus-visible:ring-zinc-200 focus-visible:outline-none"
      >
        <span id={valueId} className={cn('truncate', selected.size === 0 && 'text-zinc-500')}>
          {summary([...selected], noun)}
        </span>
        <ChevronDown className="size-4 shrink-0 text-zinc-500" aria-hidden />
      </button>
      <fieldset
        id={panelId}
        hidden={!open}
        className="absolute top-full left-0 z-20 mt-1 w-80 rounded-md border border-zinc-200 bg-white p-2 font-normal shadow-lg"
      >
        <legend className="sr-only">{label}</legend>
        <input
          type="search"
          ref={finder}
          value={search}
          aria-label={`Find ${findWhat}`}
          placeholder={`Find ${findWhat}`}
          onChange={(event) => setSearch(event.target.value)}
          // Enter here means "find", not "apply the filters".
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          className="mb-2 h-8 w-full rounded-md border border-zinc-300 px-2 text-sm text-zinc-900 placeholder:text-zinc-500 focus-visible:border-zinc-500 focus-visible:outline-none"
        />
        <div className="max-h-72 overflow-y-auto">
          {shown.map((group) => (
            <div key={group.label} hidden={!group.types.some(matches)} className="mb-1">
              <p className="px-1 pt-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">
                {group.label}
              </p>
              {group.types.map((type) => (
                <label
                  key={type}
                  hidden={!matches(type)}
                  className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm text-zinc-800 hover:bg-zinc-50"
                >
                  <input
                    type="checkbox"
                    name={name}
                    value={type}
                    checked={selected.has(type)}
                    onChange={() => toggle(type)}
                    className="accent-zinc-900"
                  />
                  <span className="break-all">{type}</span>
                </label>
              ))}
            </div>
          ))}
          {!shown.some((group) => group.types.some(matches)) && (
            <p className="px-1 py-2 text-sm text-zinc-500">
              No {noun} contains “{search}”.
            </p>
          )}
        </div>
        <div className="mt-2 flex justify-between border-t border-zinc-100 pt-2">
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
          <Button size="sm" onClick={() => setOpen(false)}>
            Done
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
