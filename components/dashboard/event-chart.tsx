'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { count } from '../format';
import type { ChartBucket, ChartData } from './event-chart-data';

const AXIS_TICK = { fontSize: 11, fill: '#71717a' };

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
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap={bucket === 'day' ? '20%' : 1}
      >
        <CartesianGrid vertical={false} stroke="#e4e4e7" />
        <XAxis
          dataKey="at"
          tickFormatter={tickLabel(bucket)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#d4d4d8' }}
          minTickGap={28}
        />
        <YAxis
          allowDecimals={false}
          tickFormatter={(value: number) => count(value)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={56}
        />
        <Tooltip
          labelFormatter={bucketLabel(bucket)}
          formatter={(value) => count(Number(value))}
          cursor={{ fill: '#f4f4f5' }}
          isAnimationActive={false}
        />
        <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
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
