'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_MARGIN, CURSOR, GRID_STROKE, xAxisStyle, yAxisStyle } from '../chart-style';
import { bytes, count } from '../format';
import type { SnapshotStats } from '@/lib/snapshots/stats';
import type { SnapshotDay } from '@/lib/snapshots/stream-snapshots';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayLabel = (value: string) => {
  const [, month, day] = value.split('-').map(Number);
  return `${MONTHS[month! - 1]} ${day}`;
};

type Series = { key: string; name: string; fill: string };

/** A plain bar chart of the snapshots page: one bar per series at each x. */
function Bars<T extends object>({
  label,
  data,
  x,
  xLabel = String,
  y,
  yWidth,
  series,
}: {
  label: string;
  data: T[];
  x: string;
  xLabel?: (value: string) => string;
  y: (value: number) => string;
  yWidth: number;
  series: Series[];
}) {
  return (
    <figure aria-label={label} className="w-full">
      <BarChart responsive data={data} style={{ width: '100%', height: 220 }} margin={CHART_MARGIN}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey={x} tickFormatter={xLabel} minTickGap={24} {...xAxisStyle} />
        <YAxis allowDecimals={false} tickFormatter={y} width={yWidth} {...yAxisStyle} />
        <Tooltip
          labelFormatter={(value) => xLabel(String(value))}
          formatter={(value) => y(Number(value))}
          cursor={CURSOR}
          isAnimationActive={false}
        />
        {series.length > 1 && (
          <Legend
            iconType="square"
            iconSize={10}
            wrapperStyle={{ fontSize: 12 }}
            // Names in text colour: a light series colour would be unreadable as text.
            formatter={(value: string) => <span className="text-zinc-700">{value}</span>}
          />
        )}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.fill}
            maxBarSize={48}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </figure>
  );
}

/** State size beside stored size for each aggregate type: the bars' ratio is the compression. */
export function SizeChart({ rows }: { rows: SnapshotStats['byAggregate'] }) {
  return (
    <Bars
      label="State size and stored size by aggregate type"
      data={rows.map((row) => ({
        type: row.aggregateType,
        state: row.rawBytes,
        stored: row.compressedBytes,
      }))}
      x="type"
      y={bytes}
      yWidth={72}
      series={[
        { key: 'state', name: 'State size', fill: '#a1a1aa' },
        { key: 'stored', name: 'Stored size', fill: '#0369a1' },
      ]}
    />
  );
}

/** Snapshots taken per UTC day. */
export function CreationChart({ days }: { days: SnapshotDay[] }) {
  return (
    <Bars
      label="Snapshots taken per day"
      data={days}
      x="day"
      xLabel={dayLabel}
      y={count}
      yWidth={48}
      series={[{ key: 'snapshots', name: 'Snapshots', fill: '#0369a1' }]}
    />
  );
}
