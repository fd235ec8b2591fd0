import type { ChartConfiguration } from 'chart.js';
import { axisTitle, tickFont, titleOptions } from './common-options.js';
import { formatCount, formatDaySpan, formatHour, formatPeriod, localDayCount } from './format.js';
import { HEAT_LEGEND, heatLegendPlugin } from './plugins/heat-legend-plugin.js';
import { heatmapPlugin } from './plugins/heatmap-plugin.js';
import { noDataPlugin } from './plugins/no-data-plugin.js';
import { PADDING } from './theme.js';
import type { BusyHoursData } from './types.js';

export const DEFAULT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const NO_ACTIVITY = 'No activity in this period.';

function defaultTitle(data: BusyHoursData): string {
  return `Busy hours: ${data.measure ?? 'inbound messages'}`;
}

function rowLabels(data: BusyHoursData): readonly string[] {
  return data.weekdays ?? DEFAULT_WEEKDAYS;
}

/**
 * What a cell is: the total over the whole window (not a per-week average), so the numbers in
 * the cells add up to the report's total; the span says how many weeks that total covers.
 */
export function busyHoursCellNote(data: BusyHoursData): string {
  const days = data.days ?? localDayCount(data.period);
  return `Cells: total ${data.measure ?? 'inbound messages'} over ${formatDaySpan(days)}, by local hour.`;
}

/**
 * Weekday × hour heatmap (rows top to bottom as given, hours 0..23 in `period.timeZone`), drawn
 * by {@link heatmapPlugin} on two category scales, with its colour scale right of the grid; the
 * zone is named in the subtitle and the hour axis title, and the subtitle says that cells are
 * totals over the window's N weeks.
 */
export function buildBusyHoursConfig(data: BusyHoursData): ChartConfiguration<'scatter'> {
  const rows = rowLabels(data);
  const problem =
    rows.length !== data.counts.length
      ? `${data.counts.length} rows of counts but ${rows.length} weekday labels`
      : data.counts.some((row) => row.length !== 24)
        ? 'every row of counts needs 24 hours'
        : null;
  if (problem) throw new Error(`busyHours: ${problem}`, { cause: { code: 'CHART_INPUT_INVALID' } });
  return {
    type: 'scatter',
    // No points: the plugin paints the cells; the dataset only satisfies Chart.js.
    data: { datasets: [{ label: data.measure ?? 'count', data: [], pointRadius: 0 }] },
    options: {
      // Room on the right for the colour scale and its labels.
      layout: { padding: { ...PADDING, right: PADDING.right + HEAT_LEGEND.room } },
      scales: {
        x: {
          type: 'category',
          labels: HOURS.map((h) => String(h).padStart(2, '0')),
          offset: true,
          position: 'bottom',
          title: axisTitle(`Hour of day (${data.period.timeZone})`),
          ticks: { ...tickFont, autoSkip: false, maxRotation: 0 },
          grid: { display: false },
          border: { display: false },
        },
        y: {
          type: 'category',
          labels: [...rows],
          offset: true,
          ticks: tickFont,
          grid: { display: false },
          border: { display: false },
        },
      },
      plugins: {
        ...titleOptions<'scatter'>(data.title ?? defaultTitle(data), data.period, [busyHoursCellNote(data)]),
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      heatmapPlugin(data.counts),
      heatLegendPlugin(Math.max(0, ...data.counts.flat())),
      ...(busiestCell(data.counts) === null ? [noDataPlugin<'scatter'>(NO_ACTIVITY)] : []),
    ],
  };
}

export type BusiestCell = { row: number; hour: number; count: number };

/** Row and hour of the largest count (first one on ties), or null when all are zero. */
export function busiestCell(counts: BusyHoursData['counts']): BusiestCell | null {
  let best: BusiestCell | null = null;
  counts.forEach((values, row) =>
    values.forEach((count, hour) => {
      if (count > 0 && (best === null || count > best.count)) best = { row, hour, count };
    }),
  );
  return best;
}

/** Summary lines (busiest cell, busiest hours of day) then every row's 24 counts. */
export function busyHoursText(data: BusyHoursData): string[] {
  const rows = rowLabels(data);
  const total = data.counts.flat().reduce((a, b) => a + b, 0);
  const lines = [
    `${data.title ?? defaultTitle(data)} — ${formatPeriod(data.period)}`,
    busyHoursCellNote(data),
    `Total: ${formatCount(total)}`,
  ];
  const best = busiestCell(data.counts);
  if (best === null) return [...lines, NO_ACTIVITY];
  const span = (h: number) => `${formatHour(h)}–${formatHour((h + 1) % 24)}`;
  lines.push(`Busiest: ${rows[best.row]} ${span(best.hour)} (${formatCount(best.count)})`);
  const byHour = HOURS.map((h) => ({ h, n: data.counts.reduce((a, row) => a + (row[h] ?? 0), 0) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.h - b.h)
    .slice(0, 3);
  const hours = byHour.map((x) => `${span(x.h)} (${formatCount(x.n)})`);
  lines.push(`Busiest hours of day: ${hours.join(', ')}`);
  lines.push(`Counts by hour 00..23 (${data.period.timeZone}):`);
  data.counts.forEach((row, r) => {
    const sum = row.reduce((a, b) => a + b, 0);
    lines.push(`${rows[r]}: ${row.join(' ')} (total ${formatCount(sum)})`);
  });
  return lines;
}
