'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { CHART_MARGIN, CURSOR, GRID_STROKE, xAxisStyle, yAxisStyle } from '../chart-style';
import { count } from '../format';
import type { ChartBucket, ChartData } from './event-chart-data';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 28`: a day, read in UTC like every time of the console. */
const day = (date: Date) => `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
const hour = (date: Date) => `${String(date.getUTCHours()).padStart(2, '0')}:00`;

function tickLabel(bucket: ChartBucket) {
  return (value: string) => {
    const date = new Date(value);
    if (bucket === 'day') return day(date);
    return date.getUTCHours() === 0 ? day(date) : hour(date);
  };
}

function bucketLabel(bucket: ChartBucket) {
  return (value: unknown) => {
    const date = new Date(String(value));
    return bucket === 'day'
      ? `${day(date)} (UTC day)`
      : `${day(date)}, ${hour(date)}–${hour(new Date(date.getTime() + 3_600_000))} UTC`;
  };
}

/** The bucket's time and its categories with events, busiest first. */
function ChartTooltip({
  active,
  payload,
  label,
  bucket,
}: TooltipContentProps & { bucket: ChartBucket }) {
  if (!active) return null;
  const shown = payload
    .map((entry) => ({ name: String(entry.name), color: entry.color, events: Number(entry.value) }))
    .filter((entry) => entry.events > 0)
    .sort((a, b) => b.events - a.events);
  return (
    <div className="min-w-48 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-medium text-zinc-900">{bucketLabel(bucket)(label)}</p>
      {shown.length === 0 ? (
        <p className="text-zinc-500">No events</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {shown.map((entry) => (
            <li key={entry.name} className="flex items-center gap-2">
              <span className="size-2.5 shrink-0 rounded-sm" style={{ background: entry.color }} />
              <span className="flex-1 truncate font-mono text-zinc-700">{entry.name}</span>
              <span className="text-zinc-900 tabular-nums">{count(entry.events)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Beyond two days of hours, one tick a day (its midnight) says more than hours do. */
function dayTicks(data: ChartData, bucket: ChartBucket): string[] | undefined {
  if (bucket === 'day' || data.rows.length <= 48) return undefined;
  return data.rows.map((row) => row.at).filter((at) => new Date(at).getUTCHours() === 0);
}

/** Events recorded per hour or day, stacked by category. */
export function EventChart({
  data,
  bucket,
  label,
}: {
  data: ChartData;
  bucket: ChartBucket;
  label: string;
}) {
  return (
    <figure data-testid="event-chart" aria-label={label} className="w-full">
      <BarChart
        responsive
        data={data.rows}
        style={{ width: '100%', height: 260 }}
        margin={CHART_MARGIN}
        barCategoryGap={bucket === 'day' ? '20%' : data.rows.length > 48 ? 0 : 1}
      >
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis
          dataKey="at"
          ticks={dayTicks(data, bucket)}
          tickFormatter={tickLabel(bucket)}
          minTickGap={28}
          {...xAxisStyle}
        />
        <YAxis
          allowDecimals={false}
          tickFormatter={(value: number) => count(value)}
          width={56}
          {...yAxisStyle}
        />
        <Tooltip
          content={(props) => <ChartTooltip {...props} bucket={bucket} />}
          cursor={CURSOR}
          isAnimationActive={false}
        />
        <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {data.series.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            stackId="events"
            fill={series.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </figure>
  );
}
