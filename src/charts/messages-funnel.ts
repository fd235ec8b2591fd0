import type { ChartConfiguration } from 'chart.js';
import { axisTitle, tickFont, titleOptions } from './common-options.js';
import { formatCount, formatPeriod, formatRate } from './format.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { FUNNEL_COLOURS, INK, PADDING } from './theme.js';
import type { MessagesFunnelData, Rate } from './types.js';

const DEFAULT_TITLE = 'Messages: sent → delivered → read, and received';
/** Who is counted in each bar: one sent cohort for the outbound steps, the window for received. */
export const FUNNEL_COHORT =
  'Sent, delivered, read: messages sent in the window, statuses whenever they came. Received: messages from contacts in the window.';

/** The cohort note, and what engagement divides by (not a bar of this chart). */
export function funnelNotes(data: MessagesFunnelData): string[] {
  return [FUNNEL_COHORT, `Engagement: received ÷ the ${formatCount(data.deliveredInWindow)} messages delivered in the window.`];
}

type Step = { label: string; count: number; colour: string; rate?: { rate: Rate; text: (r: string) => string } };

/** The four bars; each rate divides bars of this chart, except engagement (its divisor is in the subtitle). */
function steps(data: MessagesFunnelData): Step[] {
  const { sent, delivered, read, received } = FUNNEL_COLOURS;
  return [
    { label: 'Sent', count: data.sent, colour: sent },
    {
      label: 'Delivered',
      count: data.delivered,
      colour: delivered,
      rate: { rate: { numerator: data.delivered, denominator: data.sent }, text: (r) => `${r} of sent` },
    },
    {
      label: 'Read',
      count: data.read,
      colour: read,
      rate: { rate: { numerator: data.read, denominator: data.delivered }, text: (r) => `${r} of delivered` },
    },
    {
      label: 'Received',
      count: data.received,
      colour: received,
      rate: {
        rate: { numerator: data.received, denominator: data.deliveredInWindow },
        text: (r) => `${r} engagement`,
      },
    },
  ];
}

/** `2,459 · 96.4% of sent`: the bar's count and its rate. */
function stepLabel(step: Step): string {
  const count = formatCount(step.count);
  return step.rate ? `${count} · ${step.rate.text(formatRate(step.rate.rate))}` : count;
}

/** The text written beside each bar, top to bottom. */
export function funnelBarLabels(data: MessagesFunnelData): string[] {
  return steps(data).map(stepLabel);
}

/**
 * Horizontal bars, outbound funnel (sent, delivered, read) in blues and inbound received in
 * green, each labelled with its count and rate. The outbound bars are one cohort (messages sent
 * in the window, statuses whenever), so "96.4 % of sent" is exactly the Delivered bar over the
 * Sent bar; the subtitle says so.
 */
export function buildMessagesFunnelConfig(data: MessagesFunnelData): ChartConfiguration<'bar'> {
  const all = steps(data);
  return {
    type: 'bar',
    data: {
      labels: all.map((s) => s.label),
      datasets: [
        {
          label: 'Messages',
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
          title: axisTitle('Messages'),
          ticks: { ...tickFont, precision: 0 },
          grid: { color: INK.grid },
        },
        y: { ticks: { ...tickFont, font: { size: 14, weight: 'bold' } }, grid: { display: false } },
      },
      plugins: {
        ...titleOptions<'bar'>(data.title ?? DEFAULT_TITLE, data.period, funnelNotes(data)),
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [valueLabelsPlugin([funnelBarLabels(data)])],
  };
}

/** Each step's count, and its rate with numerator and denominator. */
export function messagesFunnelText(data: MessagesFunnelData): string[] {
  return [
    `${data.title ?? DEFAULT_TITLE} — ${formatPeriod(data.period)}`,
    ...funnelNotes(data),
    ...steps(data).map((s) => {
      const count = `${s.label}: ${formatCount(s.count)}`;
      if (!s.rate) return count;
      const { rate, text } = s.rate;
      return `${count} (${text(formatRate(rate))}: ${formatCount(rate.numerator)} / ${formatCount(rate.denominator)})`;
    }),
  ];
}
