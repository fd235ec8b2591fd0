import type { ChartConfiguration } from 'chart.js';
import { axisTitle, tickFont, titleOptions } from './common-options.js';
import { formatCount, formatPeriod, formatRate } from './format.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { FUNNEL_COLOURS, INK, PADDING } from './theme.js';
import type { MessagesFunnelData, Rate } from './types.js';

const DEFAULT_TITLE = 'Messages: sent → delivered → read, and received';

type Step = { label: string; count: number; colour: string; rate?: { rate: Rate; of: string } };

function steps(data: MessagesFunnelData): Step[] {
  const { sent, delivered, read, received } = FUNNEL_COLOURS;
  return [
    { label: 'Sent', count: data.sent, colour: sent },
    {
      label: 'Delivered',
      count: data.delivered,
      colour: delivered,
      rate: { rate: data.deliveryRate, of: 'of sent' },
    },
    { label: 'Read', count: data.read, colour: read, rate: { rate: data.readRate, of: 'of delivered' } },
    {
      label: 'Received',
      count: data.received,
      colour: received,
      rate: { rate: data.engagement, of: 'engagement' },
    },
  ];
}

/** `1,180 · 95.2% of sent`: the count, and the step's rate as the engine computed it. */
function stepLabel(step: Step): string {
  const count = formatCount(step.count);
  return step.rate ? `${count} · ${formatRate(step.rate.rate)} ${step.rate.of}` : count;
}

/**
 * Horizontal bars, outbound funnel (sent, delivered, read) in blues and inbound received in
 * green, each labelled with its count and rate. Rates come from the data, not from the bar
 * counts: METRICS.md computes them over the sent cohort, which can differ from window counts.
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
          // Room past the longest bar for "1,180 · 95.2% of sent".
          grace: '45%',
          title: axisTitle('Messages'),
          ticks: { ...tickFont, precision: 0 },
          grid: { color: INK.grid },
        },
        y: { ticks: { ...tickFont, font: { size: 14, weight: 'bold' } }, grid: { display: false } },
      },
      plugins: {
        ...titleOptions<'bar'>(data.title ?? DEFAULT_TITLE, data.period),
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [valueLabelsPlugin([all.map(stepLabel)])],
  };
}

/** Each step's count, and its rate with numerator and denominator. */
export function messagesFunnelText(data: MessagesFunnelData): string[] {
  return [
    `${data.title ?? DEFAULT_TITLE} — ${formatPeriod(data.period)}`,
    ...steps(data).map((s) => {
      const count = `${s.label}: ${formatCount(s.count)}`;
      if (!s.rate) return count;
      const { rate, of } = s.rate;
      const fraction = `${formatCount(rate.numerator)} / ${formatCount(rate.denominator)}`;
      return `${count} (${formatRate(rate)} ${of}: ${fraction})`;
    }),
  ];
}
