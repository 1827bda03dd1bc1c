'use client';

import { useState, type ComponentProps } from 'react';
import { JsonTree, type ExpandRule } from '../events/json-tree';
import { Timestamp } from '../timestamp';
import { Badge } from '../ui/badge';
import { CardContent, CardHeader, CardTitle } from '../ui/card';
import { PointPicker, pointLabel, pointQuery, type Point } from './point-picker';
import { StateDiff } from './state-diff';
import { useDebounced } from '@/hooks/use-debounced';
import { useStateAt } from '@/hooks/use-state-at';
import { diffStates } from '@/lib/temporal/diff';
import type { StateAt } from '@/lib/temporal/state-at';
import { plural } from '../format';

const SETTLE_MS = 250;

/** States are small: every level open reads best. */
const everything: ExpandRule = () => true;

function StateFacts({ state, maxVersion }: { state: StateAt; maxVersion: number }) {
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600"
      aria-live="polite"
    >
      <span>
        Version reached{' '}
        <strong className="font-semibold text-zinc-900 tabular-nums" data-testid="version-reached">
          {state.version}
        </strong>{' '}
        of {maxVersion}
      </span>
      {state.at && (
        <span>
          at <Timestamp value={state.at} />
        </span>
      )}
      <Badge tone={state.fromSnapshot ? 'blue' : 'neutral'}>
        {state.fromSnapshot ? 'built from a snapshot' : 'folded from the first event'}
      </Badge>
    </p>
  );
}

/** What a point's query answered: the state (or only its facts), or why there is none. */
function Answer({
  query,
  maxVersion,
  withState,
  testId,
}: {
  query: ReturnType<typeof useStateAt>;
  maxVersion: number;
  withState: boolean;
  testId: string;
}) {
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {query.error.message}
      </p>
    );
  }
  if (!query.data) return <p className="text-sm text-zinc-600">Loading the state…</p>;
  const { state } = query.data;
  return (
    <div className="flex flex-col gap-2" data-testid={testId}>
      <StateFacts state={query.data} maxVersion={maxVersion} />
      {withState &&
        (state === null ? (
          <p className="text-sm text-zinc-600">No state: the stream had no events by then.</p>
        ) : (
          <JsonTree label="State" value={state as object} shouldExpand={everything} />
        ))}
    </div>
  );
}

/** A point's picker above what the store answers for it (null: the point is not valid). */
function PointColumn({
  picker,
  answer,
}: {
  picker: ComponentProps<typeof PointPicker>;
  answer: ComponentProps<typeof Answer> | null;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <PointPicker {...picker} />
      {answer ? (
        <Answer {...answer} />
      ) : (
        <p className="text-sm text-red-700">
          Choose a version from 0 to {picker.maxVersion}, or a time.
        </p>
      )}
    </div>
  );
}

/**
 * The state rebuilt at a point of the stream's history, by version or by time (what the store
 * knew then, or what had happened by then), and what changed between that point and another.
 */
export function TimeTravel({
  streamId,
  version,
  firstAt,
  lastAt,
  initial,
}: {
  streamId: string;
  version: number;
  firstAt: string;
  lastAt: string;
  /** The states at the points the section opens at (version 1 and the current version). */
  initial: [first: StateAt, current: StateAt];
}) {
  const [point, setPoint] = useState<Point>({ kind: 'version', version: initial[0].version });
  const [other, setOther] = useState<Point>({ kind: 'version', version });
  const queryA = pointQuery(point, version);
  const queryB = pointQuery(other, version);
  // Each state read is a request (and an entry on the audit trail): ask where the reader stops.
  const stateA = useStateAt({ streamId, version }, useDebounced(queryA, SETTLE_MS), {
    point: `version=${initial[0].version}`,
    state: initial[0],
  });
  const stateB = useStateAt({ streamId, version }, useDebounced(queryB, SETTLE_MS), {
    point: `version=${initial[1].version}`,
    state: initial[1],
  });
  const changes =
    stateA.data && stateB.data ? diffStates(stateA.data.state, stateB.data.state) : null;
  return (
    <>
      <CardHeader>
        <CardTitle>Time travel</CardTitle>
        <p className="text-xs text-zinc-600">The state rebuilt from the events up to a point</p>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <PointColumn
          picker={{
            name: 'Point in history',
            point,
            onChange: setPoint,
            maxVersion: version,
            defaultAt: firstAt,
          }}
          answer={
            queryA === null
              ? null
              : { query: stateA, maxVersion: version, withState: true, testId: 'state-at' }
          }
        />
        <PointColumn
          picker={{
            name: 'Compare with',
            point: other,
            onChange: setOther,
            maxVersion: version,
            defaultAt: lastAt,
          }}
          answer={
            queryB === null
              ? null
              : { query: stateB, maxVersion: version, withState: false, testId: 'state-compared' }
          }
        />
      </CardContent>
      <section aria-labelledby="diff-title" className="border-t border-zinc-200">
        <h3 id="diff-title" className="px-4 pt-3 text-xs font-semibold text-zinc-900">
          Changes from {pointLabel(point)} to {pointLabel(other)}
          {changes && changes.length > 0 && (
            <span className="ml-2 font-normal text-zinc-600">
              {changes.length} {plural(changes.length, 'field')}
            </span>
          )}
        </h3>
        {changes ? (
          <StateDiff changes={changes} />
        ) : (
          <p className="px-4 py-3 text-sm text-zinc-600">Choose two points to compare.</p>
        )}
      </section>
    </>
  );
}
