import { BarChart3 } from 'lucide-react';
import { hrefWith } from '@/lib/console/search-params';
import type { ProjectionView } from '@/lib/projections/views';
import { EmptyState } from '../empty-state';
import { count, duration, plural } from '../format';
import { SegmentedLinks } from '../segmented-links';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { EventChart } from './event-chart';
import {
  CHART_RANGES,
  type ChartData,
  type ChartRange,
  type ChartWindow,
} from './event-chart-data';

const SPAN_TEXT: Record<ChartRange, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
};

/** Where the counts come from, and how current they are: the chart is a read model too. */
function sourceNote(stats: ProjectionView | undefined): string {
  if (!stats) return '';
  if (stats.status === 'stopped')
    return ' The event-stats projection is stopped: counts are out of date.';
  if (stats.lag.events === 0) return ' Counted by the event-stats projection, which is caught up.';
  const events = `${count(stats.lag.events)} ${plural(stats.lag.events, 'event')}`;
  return ` Counted by the event-stats projection, ${events} (${duration(stats.lag.seconds * 1000)}) behind.`;
}

export function EventChartCard({
  range,
  period,
  data,
  stats,
}: {
  range: ChartRange;
  period: ChartWindow;
  data: ChartData;
  stats: ProjectionView | undefined;
}) {
  const per = period.bucket === 'hour' ? 'hour' : 'day';
  return (
    <Card aria-labelledby="event-chart-title">
      <CardHeader>
        <CardTitle id="event-chart-title">Events recorded per {per}</CardTitle>
        <SegmentedLinks
          label="Range"
          options={Object.entries(CHART_RANGES).map(([key, { label }]) => ({
            label,
            href: hrefWith('/', { range: key === '30d' ? undefined : key }),
            active: key === range,
          }))}
        />
      </CardHeader>
      {data.total === 0 ? (
        <EmptyState title={`No events recorded in ${SPAN_TEXT[range]}`} icon={BarChart3}>
          {sourceNote(stats).trim()}
        </EmptyState>
      ) : (
        <CardContent className="flex flex-col gap-2">
          <EventChart
            data={data}
            bucket={period.bucket}
            label={`Events recorded per ${per} by category over ${SPAN_TEXT[range]}`}
          />
          <p className="text-xs text-zinc-500">
            {count(data.total)} events in {SPAN_TEXT[range]}, by category, in UTC {per}s.
            {sourceNote(stats)}
          </p>
        </CardContent>
      )}
    </Card>
  );
}
