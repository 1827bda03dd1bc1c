import { z } from 'zod';
import type { EventStatsBucket } from '@/lib/projections/views';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const CHART_RANGES = {
  '24h': { label: '24 h', spanMs: DAY_MS, bucket: 'hour' },
  '7d': { label: '7 d', spanMs: 7 * DAY_MS, bucket: 'hour' },
  '30d': { label: '30 d', spanMs: 30 * DAY_MS, bucket: 'day' },
} as const;
export type ChartRange = keyof typeof CHART_RANGES;
export type ChartBucket = (typeof CHART_RANGES)[ChartRange]['bucket'];

const RANGE_KEYS = Object.keys(CHART_RANGES) as [ChartRange, ...ChartRange[]];

/** The dashboard's URL: which stretch of time the chart covers. */
export const dashboardQuery = z.object({
  range: z
    .enum(RANGE_KEYS, { error: `range must be one of ${RANGE_KEYS.join(', ')}` })
    .default('30d'),
});

export type ChartWindow = { from: Date; to: Date; bucket: ChartBucket };

/** Whole UTC hours or days, the current one last. */
export function chartWindow(range: ChartRange, now: Date): ChartWindow {
  const { spanMs, bucket } = CHART_RANGES[range];
  const unit = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const to = Math.floor(now.getTime() / unit) * unit + unit;
  return { from: new Date(to - spanMs), to: new Date(to), bucket };
}

export type ChartSeries = { key: string; label: string; color: string };
export type ChartRow = { at: string } & Record<string, number | string>;
export type ChartData = { rows: ChartRow[]; series: ChartSeries[]; total: number };

/** Distinct at a glance and for most colour vision; grey is for the rest lumped together. */
const COLORS = ['#0284c7', '#059669', '#d97706', '#7c3aed', '#db2777', '#65a30d'];
const OTHER_COLOR = '#a1a1aa';

/**
 * One row per bucket of the window (empty ones too, so gaps show as gaps), with the busiest
 * `maxSeries` categories as series of their own and the rest as one (a lone rest keeps its name). Series keys are not category names:
 * recharts reads a `.` in a data key as a path.
 */
export function chartData(
  buckets: EventStatsBucket[],
  { from, to, bucket }: ChartWindow,
  maxSeries = COLORS.length - 1,
): ChartData {
  const totals = new Map<string, number>();
  for (const { category, events } of buckets) {
    totals.set(category, (totals.get(category) ?? 0) + events);
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = ranked.length > maxSeries + 1 ? ranked.slice(0, maxSeries) : ranked;
  const keyOf = new Map(own.map(([category], index) => [category, `s${index}`]));
  const series: ChartSeries[] = own.map(([category], index) => ({
    key: `s${index}`,
    label: category,
    color: COLORS[index % COLORS.length]!,
  }));
  if (own.length < ranked.length) {
    series.push({
      key: 'other',
      label: `${ranked.length - own.length} other categories`,
      color: OTHER_COLOR,
    });
  }
  const unit = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const rows = new Map<number, ChartRow>();
  for (let at = from.getTime(); at < to.getTime(); at += unit) {
    const row: ChartRow = { at: new Date(at).toISOString() };
    for (const { key } of series) row[key] = 0;
    rows.set(at, row);
  }
  for (const { at, category, events } of buckets) {
    const row = rows.get(Date.parse(at));
    if (!row) continue;
    const key = keyOf.get(category) ?? 'other';
    row[key] = Number(row[key] ?? 0) + events;
  }
  const total = ranked.reduce((sum, [, events]) => sum + events, 0);
  return { rows: [...rows.values()], series, total };
}
