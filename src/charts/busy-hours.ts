import type { ChartConfiguration } from 'chart.js';
import { messages, type Locale } from '../i18n/index.js';
import { axisTitle, tickFont, titleOptions } from './common-options.js';
import { formatCount, formatDaySpan, formatHour, formatPeriod, localDayCount } from './format.js';
import { directionPlugin } from './plugins/direction-plugin.js';
import { HEAT_LEGEND, heatLegendPlugin } from './plugins/heat-legend-plugin.js';
import { heatmapPlugin } from './plugins/heatmap-plugin.js';
import { noDataPlugin } from './plugins/no-data-plugin.js';
import { PADDING } from './theme.js';
import type { BusyHoursData } from './types.js';

export const DEFAULT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

const measureOf = (data: BusyHoursData, locale: Locale) => data.measure ?? messages(locale).charts.busyHours.inboundMessages;

function defaultTitle(data: BusyHoursData, locale: Locale): string {
  return messages(locale).charts.busyHours.title(measureOf(data, locale));
}

function rowLabels(data: BusyHoursData, locale: Locale): readonly string[] {
  return data.weekdays ?? (locale === 'en' ? DEFAULT_WEEKDAYS : messages(locale).charts.busyHours.weekdays);
}

/**
 * What a cell is: the total over the whole window (not a per-week average), so the numbers in
 * the cells add up to the report's total; the span says how many weeks that total covers.
 */
export function busyHoursCellNote(data: BusyHoursData, locale: Locale = 'en'): string {
  const days = data.days ?? localDayCount(data.period);
  return messages(locale).charts.busyHours.cellNote(measureOf(data, locale), formatDaySpan(days, locale));
}

/**
 * Weekday × hour heatmap (rows top to bottom as given, hours 0..23 in `period.timeZone`), drawn
 * by {@link heatmapPlugin} on two category scales, with its colour scale right of the grid; the
 * zone is named in the subtitle and the hour axis title, and the subtitle says that cells are
 * totals over the window's N weeks.
 */
export function buildBusyHoursConfig(data: BusyHoursData, locale: Locale = 'en'): ChartConfiguration<'scatter'> {
  const m = messages(locale).charts.busyHours;
  const rows = rowLabels(data, locale);
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
          title: axisTitle(m.hourAxis(data.period.timeZone)),
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
        ...titleOptions<'scatter'>(data.title ?? defaultTitle(data, locale), data.period, [busyHoursCellNote(data, locale)], locale),
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      heatmapPlugin(data.counts),
      heatLegendPlugin(Math.max(0, ...data.counts.flat())),
      ...(busiestCell(data.counts) === null ? [noDataPlugin<'scatter'>(m.noData)] : []),
      ...(locale === 'ar' ? [directionPlugin<'scatter'>()] : []),
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
export function busyHoursText(data: BusyHoursData, locale: Locale = 'en'): string[] {
  const c = messages(locale).charts;
  const m = c.busyHours;
  const count = (n: number) => formatCount(n, locale);
  const rows = rowLabels(data, locale);
  const total = data.counts.flat().reduce((a, b) => a + b, 0);
  const lines = [
    c.textHeading(data.title ?? defaultTitle(data, locale), formatPeriod(data.period, locale)),
    busyHoursCellNote(data, locale),
    m.total(count(total)),
  ];
  const best = busiestCell(data.counts);
  if (best === null) return [...lines, m.noData];
  const span = (h: number) => `${formatHour(h)}–${formatHour((h + 1) % 24)}`;
  lines.push(m.busiest(rows[best.row] ?? '', span(best.hour), count(best.count)));
  const byHour = HOURS.map((h) => ({ h, n: data.counts.reduce((a, row) => a + (row[h] ?? 0), 0) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.h - b.h)
    .slice(0, 3);
  const hours = byHour.map((x) => m.hourCount(span(x.h), count(x.n)));
  lines.push(m.busiestHours(hours.join(c.listSeparator)));
  lines.push(m.countsHeading(data.period.timeZone));
  data.counts.forEach((row, r) => {
    const sum = row.reduce((a, b) => a + b, 0);
    lines.push(m.row(rows[r] ?? '', row.join(' '), count(sum)));
  });
  return lines;
}
