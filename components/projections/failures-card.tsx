import { CircleCheck } from 'lucide-react';
import type { FailurePolicy, FailureView } from '@/lib/projections/views';
import { EmptyState } from '../empty-state';
import { Card, CardHeader, CardTitle } from '../ui/card';
import type { FailureAction, RetryOutcome, SkipOutcome } from './action-types';
import { FailureTable } from './failure-table';

const POLICY: Record<FailurePolicy, string> = {
  stop: 'On a failed event it stops there until the event is retried or skipped.',
  park: 'On a failed event it parks the later events of that stream and goes on with the others.',
};

export type ProjectionFailures = {
  projection: string;
  policy: FailurePolicy;
  failures: FailureView[];
};

/** The failed, parked and skipped events of every projection that has any. */
export function FailuresCard({
  groups,
  actions,
}: {
  groups: ProjectionFailures[];
  actions?: { retry: FailureAction<RetryOutcome>; skip: FailureAction<SkipOutcome> };
}) {
  const withFailures = groups.filter((group) => group.failures.length > 0);
  return (
    <Card className="mb-5" aria-labelledby="failures-title">
      <CardHeader>
        <CardTitle id="failures-title">Failed events</CardTitle>
        <span className="text-xs text-zinc-500">
          Events a projection could not apply, and the events waiting behind them
        </span>
      </CardHeader>
      {withFailures.length === 0 ? (
        <EmptyState title="No failed events" icon={CircleCheck}>
          Every projection applied every event it has read.
        </EmptyState>
      ) : (
        withFailures.map((group) => (
          <section
            key={group.projection}
            id={`failures-${group.projection}`}
            className="border-b border-zinc-200 last:border-b-0"
          >
            <div className="flex flex-wrap items-baseline gap-x-3 px-4 pt-3 pb-2">
              <h3 className="font-mono text-xs font-semibold text-zinc-900">{group.projection}</h3>
              <p className="text-xs text-zinc-500">{POLICY[group.policy]}</p>
            </div>
            <FailureTable
              projection={group.projection}
              failures={group.failures}
              actions={actions}
            />
          </section>
        ))
      )}
    </Card>
  );
}
