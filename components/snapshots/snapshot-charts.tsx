'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { bytes, count } from '../format';
import type { SnapshotStats } from '@/lib/snapshots/stats';
import type { SnapshotDay } from '@/lib/snapshots/stream-snapshots';

const AXIS_TICK = { fontSize: 11, fill: '#52525c' };
const GRID = '#e4e4e7';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayLabel = (value: string) => {
  const [, month, day] = value.split('-').map(Number);
  return `${MONTHS[month! - 1]} ${day}`;
};

/** State size beside stored size for each aggregate type: the bars' ratio is the compression. */
export function SizeChart({ rows }: { rows: SnapshotStats['byAggregate'] }) {
  const data = rows.map((row) => ({
    type: row.aggregateType,
    state: row.rawBytes,
    stored: row.compressedBytes,
  }));
  return (
    <figure aria-label="State size and stored size by aggregate type" className="w-full">
      <BarChart
        responsive
        data={data}
        style={{ width: '100%', height: 220 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="type" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: '#d4d4d8' }} />
        <YAxis
          tickFormatter={(value: number) => bytes(value)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={72}
        />
        <Tooltip
          formatter={(value) => bytes(Number(value))}
          cursor={{ fill: '#f4f4f5' }}
          isAnimationActive={false}
        />
        <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="state" name="State size" fill="#a1a1aa" isAnimationActive={false} />
        <Bar dataKey="stored" name="Stored size" fill="#0369a1" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

/** Snapshots taken per UTC day. */
export function CreationChart({ days }: { days: SnapshotDay[] }) {
  return (
    <figure aria-label="Snapshots taken per day" className="w-full">
      <BarChart
        responsive
        data={days}
        style={{ width: '100%', height: 220 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="day"
          tickFormatter={dayLabel}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#d4d4d8' }}
          minTickGap={24}
        />
        <YAxis
          allowDecimals={false}
          tickFormatter={(value: number) => count(value)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={48}
        />
        <Tooltip
          labelFormatter={(value) => `${dayLabel(String(value))} (UTC day)`}
          formatter={(value) => count(Number(value))}
          cursor={{ fill: '#f4f4f5' }}
          isAnimationActive={false}
        />
        <Bar dataKey="snapshots" name="Snapshots" fill="#0369a1" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
