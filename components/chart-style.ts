/** The look every chart of the console shares: quiet axes, a light grid, readable ticks. */
export const AXIS_TICK = { fontSize: 11, fill: '#52525c' };
export const GRID_STROKE = '#e4e4e7';
export const CURSOR = { fill: '#f4f4f5' };

export const xAxisStyle = {
  tick: AXIS_TICK,
  tickLine: false,
  axisLine: { stroke: '#d4d4d8' },
} as const;

export const yAxisStyle = { tick: AXIS_TICK, tickLine: false, axisLine: false } as const;

export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
