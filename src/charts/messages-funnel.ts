import type { ChartConfiguration } from 'chart.js';
import { messages, type Locale } from '../i18n/index.js';
import { axisTitle, tickFont, titleOptions } from './common-options.js';
import { formatCount, formatPeriod, formatRate } from './format.js';
import { directionPlugin } from './plugins/direction-plugin.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { FUNNEL_COLOURS, INK, PADDING } from './theme.js';
import type { MessagesFunnelData, Rate } from './types.js';

/** Who is counted in each bar: one sent cohort for the outbound steps, the window for received (English). */
export const FUNNEL_COHORT = messages('en').charts.funnel.cohort;

/** The cohort note, and what engagement divides by (not a bar of this chart). */
export function funnelNotes(data: MessagesFunnelData, locale: Locale = 'en'): string[] {
  const m = messages(locale).charts.funnel;
  return [m.cohort, m.engagementNote(formatCount(data.deliveredInWindow, locale))];
}

type Step = { label: string; count: number; colour: string; rate?: { rate: Rate; text: (r: string) => string } };

/** The four bars; each rate divides bars of this chart, except engagement (its divisor is in the subtitle). */
function steps(data: MessagesFunnelData, locale: Locale): Step[] {
  const { sent, delivered, read, received } = FUNNEL_COLOURS;
  const m = messages(locale).charts.funnel;
  return [
    { label: m.sent, count: data.sent, colour: sent },
    {
      label: m.delivered,
      count: data.delivered,
      colour: delivered,
      rate: { rate: { numerator: data.delivered, denominator: data.sent }, text: m.ofSent },
    },
    {
      label: m.read,
      count: data.read,
      colour: read,
      rate: { rate: { numerator: data.read, denominator: data.delivered }, text: m.ofDelivered },
    },
    {
      label: m.received,
      count: data.received,
      colour: received,
      rate: {
        rate: { numerator: data.received, denominator: data.deliveredInWindow },
        text: m.engagement,
      },
    },
  ];
}

/** `2,459 · 96.4% of sent`: the bar's count and its rate. */
function stepLabel(step: Step, locale: Locale): string {
  const count = formatCount(step.count, locale);
  return step.rate ? messages(locale).charts.funnel.barLabel(count, step.rate.text(formatRate(step.rate.rate, locale))) : count;
}

/** The text written beside each bar, top to bottom. */
export function funnelBarLabels(data: MessagesFunnelData, locale: Locale = 'en'): string[] {
  return steps(data, locale).map((s) => stepLabel(s, locale));
}

/**
 * Horizontal bars, outbound funnel (sent, delivered, read) in blues and inbound received in
 * green, each labelled with its count and rate. The outbound bars are one cohort (messages sent
 * in the window, statuses whenever), so "96.4 % of sent" is exactly the Delivered bar over the
 * Sent bar; the subtitle says so.
 */
export function buildMessagesFunnelConfig(data: MessagesFunnelData, locale: Locale = 'en'): ChartConfiguration<'bar'> {
  const m = messages(locale).charts.funnel;
  const all = steps(data, locale);
  return {
    type: 'bar',
    data: {
      labels: all.map((s) => s.label),
      datasets: [
        {
          label: m.messages,
          data: all.map((s) => s.count),
          backgroundColor: all.map((s) => s.colour),
          categoryPercentage: 0.85,
          barPercentage: 0.9,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: PADDING },
      scales: {
        x: {
          beginAtZero: true,
          // Room past the longest bar for "2,459 · 96.4% of sent".
          grace: '45%',
          title: axisTitle(m.messages),
          ticks: { ...tickFont, precision: 0 },
          grid: { color: INK.grid },
        },
        y: { ticks: { ...tickFont, font: { size: 14, weight: 'bold' } }, grid: { display: false } },
      },
      plugins: {
        ...titleOptions<'bar'>(data.title ?? m.title, data.period, funnelNotes(data, locale), locale),
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [valueLabelsPlugin([funnelBarLabels(data, locale)]), ...(locale === 'ar' ? [directionPlugin<'bar'>()] : [])],
  };
}

/** Each step's count, and its rate with numerator and denominator. */
export function messagesFunnelText(data: MessagesFunnelData, locale: Locale = 'en'): string[] {
  const c = messages(locale).charts;
  const m = c.funnel;
  const n = (x: number) => formatCount(x, locale);
  return [
    c.textHeading(data.title ?? m.title, formatPeriod(data.period, locale)),
    ...funnelNotes(data, locale),
    ...steps(data, locale).map((s) => {
      const step = m.textStep(s.label, n(s.count));
      if (!s.rate) return step;
      const { rate, text } = s.rate;
      return m.textRate(step, text(formatRate(rate, locale)), n(rate.numerator), n(rate.denominator));
    }),
  ];
}
