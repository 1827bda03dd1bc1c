import { describe, expect, it } from 'vitest';
import { chartData, chartWindow } from './event-chart-data';

const now = new Date('2026-11-28T09:41:12.345Z');

describe('chartWindow', () => {
  it('covers whole UTC hours up to and including the current one', () => {
    expect(chartWindow('24h', now)).toEqual({
      from: new Date('2026-11-27T10:00:00.000Z'),
      to: new Date('2026-11-28T10:00:00.000Z'),
      bucket: 'hour',
    });
  });

  it('counts by day for 30 days, today last', () => {
    const window = chartWindow('30d', now);
    expect(window.bucket).toBe('day');
    expect(window.to).toEqual(new Date('2026-11-29T00:00:00.000Z'));
    expect(window.from).toEqual(new Date('2026-10-30T00:00:00.000Z'));
  });
});

describe('chartData', () => {
  const window = chartWindow('24h', now);

  it('has a row for every hour, empty ones at zero', () => {
    const data = chartData(
      [{ at: '2026-11-28T09:00:00.000Z', category: 'workflow', events: 3 }],
      window,
    );
    expect(data.rows).toHaveLength(24);
    expect(data.rows.at(-1)).toEqual({ at: '2026-11-28T09:00:00.000Z', s0: 3 });
    expect(data.rows[0]).toEqual({ at: '2026-11-27T10:00:00.000Z', s0: 0 });
    expect(data.series).toEqual([{ key: 's0', label: 'workflow', color: expect.any(String) }]);
    expect(data.total).toBe(3);
  });

  it('keeps the busiest categories apart and lumps the rest together', () => {
    const at = '2026-11-28T08:00:00.000Z';
    const data = chartData(
      [
        { at, category: 'a.b', events: 1 },
        { at, category: 'agent', events: 5 },
        { at, category: 'workflow', events: 9 },
        { at, category: '$audit', events: 2 },
      ],
      window,
      2,
    );
    expect(data.series.map((series) => series.label)).toEqual([
      'workflow',
      'agent',
      '2 other categories',
    ]);
    expect(data.rows.find((row) => row.at === at)).toEqual({ at, s0: 9, s1: 5, other: 3 });
  });

  it('does not lump a single category on its own into "others"', () => {
    const at = '2026-11-28T08:00:00.000Z';
    const data = chartData(
      [
        { at, category: 'a', events: 2 },
        { at, category: 'b', events: 1 },
      ],
      window,
      1,
    );
    expect(data.series.map((series) => series.label)).toEqual(['a', 'b']);
  });
});
