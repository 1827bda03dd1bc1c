'use client';

import { useId } from 'react';
import { Input } from '../ui/field';
import { ToggleGroup } from '../ui/toggle-group';

export type TimeKind = 'recorded' | 'occurred';

/** A point in a stream's history as the reader sets it; `at` as a datetime-local value, UTC. */
export type Point =
  { kind: 'version'; version: number } | { kind: 'time'; at: string; time: TimeKind };

/** The state route's query for a point, or null while the point is not a valid one. */
export function pointQuery(point: Point, maxVersion: number): string | null {
  if (point.kind === 'version') {
    const { version } = point;
    return Number.isSafeInteger(version) && version >= 0 && version <= maxVersion
      ? `version=${version}`
      : null;
  }
  const at = new Date(`${point.at}Z`);
  if (!point.at || Number.isNaN(at.getTime())) return null;
  return new URLSearchParams({ at: at.toISOString(), time: point.time }).toString();
}

/** An instant as a datetime-local value in UTC, to the millisecond. */
export const localValue = (iso: string) => iso.slice(0, 23);

export function pointLabel(point: Point): string {
  if (point.kind === 'version') return `version ${point.version}`;
  const at = new Date(`${point.at}Z`);
  if (Number.isNaN(at.getTime())) return 'a time';
  return `${localValue(at.toISOString()).replace('T', ' ')} UTC (${point.time})`;
}

const TIME_KINDS: { time: TimeKind; label: string; hint: string }[] = [
  { time: 'recorded', label: 'Recorded time', hint: 'what the store knew then' },
  { time: 'occurred', label: 'Occurred time', hint: 'what had happened by then' },
];

/**
 * Sets a point by version (a slider and a number) or by time (recorded or occurred). `name`
 * labels its controls, so that two pickers on a page stay apart for readers and tests.
 */
export function PointPicker({
  name,
  point,
  onChange,
  maxVersion,
  defaultAt,
}: {
  name: string;
  point: Point;
  onChange: (point: Point) => void;
  maxVersion: number;
  defaultAt: string;
}) {
  const id = useId();
  const version = point.kind === 'version' ? point.version : maxVersion;
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-xs font-semibold text-zinc-900">{name}</legend>
      <ToggleGroup
        label={`${name}: by`}
        options={[
          {
            label: 'Version',
            active: point.kind === 'version',
            onSelect: () => onChange({ kind: 'version', version }),
          },
          {
            label: 'Time',
            active: point.kind === 'time',
            onSelect: () =>
              point.kind === 'time' ||
              onChange({ kind: 'time', at: localValue(defaultAt), time: 'recorded' }),
          },
        ]}
      />
      {point.kind === 'version' ? (
        <div className="flex items-center gap-3">
          <input
            type="range"
            min={0}
            max={maxVersion}
            value={point.version}
            aria-label={`${name}: version slider`}
            onChange={(e) => onChange({ kind: 'version', version: e.target.valueAsNumber })}
            className="min-w-0 flex-1 accent-zinc-900"
          />
          <label htmlFor={`${id}-version`} className="sr-only">
            {name}: version
          </label>
          <Input
            id={`${id}-version`}
            type="number"
            min={0}
            max={maxVersion}
            value={Number.isNaN(point.version) ? '' : point.version}
            onChange={(e) => onChange({ kind: 'version', version: e.target.valueAsNumber })}
            className="w-24 tabular-nums"
          />
        </div>
      ) : (
        <div className="flex flex-col gap-2">
          <label
            htmlFor={`${id}-at`}
            className="flex flex-col gap-1 text-xs font-medium text-zinc-600"
          >
            {name}: time (UTC)
            <Input
              id={`${id}-at`}
              type="datetime-local"
              step="0.001"
              value={point.at}
              onChange={(e) => onChange({ ...point, at: e.target.value })}
            />
          </label>
          <ToggleGroup
            label={`${name}: time kind`}
            options={TIME_KINDS.map((kind) => ({
              label: kind.label,
              active: point.time === kind.time,
              onSelect: () => onChange({ ...point, time: kind.time }),
            }))}
          />
          <p className="text-xs text-zinc-600">
            {TIME_KINDS.find((kind) => kind.time === point.time)!.hint}
          </p>
        </div>
      )}
    </fieldset>
  );
}
