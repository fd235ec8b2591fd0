import type { ChartConfiguration, LegendItem } from 'chart.js';
import { messages, type Locale } from '../i18n/index.js';
import { axisTitle, legendFor, tickFont, titleOptions } from './common-options.js';
import { failureColour, isOtherClass } from './failure-colour.js';
import { formatCount, formatDayLabel, formatPeriod, formatRate, rateFraction } from './format.js';
import { directionPlugin } from './plugins/direction-plugin.js';
import { noDataPlugin } from './plugins/no-data-plugin.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { rateAxis } from './rate-axis.js';
import { FAILURE_COLOURS, INK, PADDING } from './theme.js';
import type { DeliveryFailuresData } from './types.js';

/** What the bars and the line count: failures by the day they failed, the rate by the day sent (English). */
export const FAILURES_COHORT = messages('en').charts.failures.cohort;

/** Error classes bottom-up: `classOrder` if given, else by total descending with "Other" last. */
export function failureClasses(data: DeliveryFailuresData): string[] {
  const totals = new Map<string, number>();
  for (const day of data.days) {
    for (const [label, n] of Object.entries(day.failed)) totals.set(label, (totals.get(label) ?? 0) + n);
  }
  const given = data.classOrder ?? [];
  const rest = [...totals.keys()]
    .filter((c) => !given.includes(c))
    .sort(
      (a, b) =>
        Number(isOtherClass(a)) - Number(isOtherClass(b)) || (totals.get(b) ?? 0) - (totals.get(a) ?? 0),
    );
  return [...given, ...rest];
}

/**
 * Failed messages per day stacked by error class (left axis, count), with the day's failure
 * rate as a line on a right axis scaled to the highest rate ({@link rateAxis}). Each class
 * keeps its code's colour ({@link failureColour}) whatever other classes the chart shows.
 */
export function buildDeliveryFailuresConfig(
  data: DeliveryFailuresData,
  locale: Locale = 'en',
): ChartConfiguration<'bar' | 'line'> {
  const c = messages(locale).charts;
  const m = c.failures;
  const classes = failureClasses(data);
  const rates = data.days.map((d) => {
    const f = rateFraction(d.failureRate);
    return f === null ? null : f * 100;
  });
  const axis = rateAxis(rates);
  // Bars as squares (bottom of the stack first), the rate as a short line.
  const legendItems: LegendItem[] = [
    ...classes.map(
      (label): LegendItem => ({
        text: label,
        fillStyle: failureColour(label),
        lineWidth: 0,
        pointStyle: 'rect',
      }),
    ),
    { text: m.rate, strokeStyle: FAILURE_COLOURS.rateLine, lineWidth: 2, pointStyle: 'line' },
  ];
  return {
    type: 'bar',
    data: {
      labels: data.days.map((d) => formatDayLabel(d.date, locale)),
      datasets: [
        {
          type: 'line',
          label: m.rate,
          data: rates,
          yAxisID: 'y1',
          borderColor: FAILURE_COLOURS.rateLine,
          backgroundColor: FAILURE_COLOURS.rateLine,
          borderWidth: 2,
          pointRadius: 3,
          // Drawn last, over the bars.
          order: 0,
        },
        ...classes.map((label) => ({
          type: 'bar' as const,
          label,
          data: data.days.map((d) => d.failed[label] ?? 0),
          backgroundColor: failureColour(label),
          stack: 'failed',
          yAxisID: 'y',
          order: 1,
        })),
      ],
    },
    options: {
      layout: { padding: PADDING },
      scales: {
        x: { stacked: true, ticks: { ...tickFont, maxRotation: 0 }, grid: { display: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          // Keeps the tallest stack off the top edge, under the legend.
          grace: '5%',
          position: 'left',
          title: axisTitle(m.countAxis),
          ticks: { ...tickFont, precision: 0 },
          grid: { color: INK.grid },
        },
        y1: {
          min: 0,
          max: axis.max,
          position: 'right',
          title: axisTitle(m.rateAxis),
          ticks: { ...tickFont, stepSize: axis.step, callback: (v) => c.percent(String(v)) },
          // One grid is enough; the left axis owns it.
          grid: { drawOnChartArea: false },
        },
      },
      plugins: {
        ...titleOptions<'bar'>(data.title ?? m.title, data.period, [m.cohort], locale),
        legend: {
          ...legendFor(locale),
          labels: {
            ...legendFor(locale).labels,
            usePointStyle: true,
            pointStyleWidth: 18,
            generateLabels: () => legendItems,
          },
        },
        tooltip: { enabled: false },
      },
    },
    // The rate printed above each point, so it need not be read off the axis.
    plugins: [
      valueLabelsPlugin<'bar' | 'line'>([rates.map((r) => (r === null ? null : c.percent(r.toFixed(1))))]),
      ...(data.days.length === 0 ? [noDataPlugin<'bar' | 'line'>(m.noData)] : []),
      ...(locale === 'ar' ? [directionPlugin<'bar' | 'line'>()] : []),
    ],
  };
}

/** One line per day: failures by class, then the failure rate with its numerator and denominator. */
export function deliveryFailuresText(data: DeliveryFailuresData, locale: Locale = 'en'): string[] {
  const c = messages(locale).charts;
  const m = c.failures;
  const count = (n: number) => formatCount(n, locale);
  const classes = failureClasses(data);
  const lines = [c.textHeading(data.title ?? m.title, formatPeriod(data.period, locale)), m.cohort];
  if (data.days.length === 0) return [...lines, m.noData];
  for (const day of data.days) {
    const total = classes.reduce((a, k) => a + (day.failed[k] ?? 0), 0);
    const byClass = classes.filter((k) => (day.failed[k] ?? 0) > 0).map((k) => `${k} ${count(day.failed[k] ?? 0)}`);
    const { numerator, denominator } = day.failureRate;
    lines.push(
      m.textLine(
        formatDayLabel(day.date, locale).join(' '),
        count(total),
        byClass,
        formatRate(day.failureRate, locale),
        count(numerator),
        count(denominator),
      ),
    );
  }
  return lines;
}
