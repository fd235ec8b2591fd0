import type { ChartConfiguration, LegendItem, ScriptableScaleContext } from 'chart.js';
import { axisTitle, legendOptions, tickFont, titleOptions } from './common-options.js';
import { formatPeriod, humaniseDuration } from './format.js';
import { noDataPlugin } from './plugins/no-data-plugin.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { AGENT_COLOURS, INK, PADDING } from './theme.js';
import type { AgentPerformanceData, AgentPerformanceRow } from './types.js';

const DEFAULT_TITLE = 'Agent response and resolution times';
const MAX_NAME_LENGTH = 28;
const NO_AGENTS = 'No agent activity in this period.';

export type DurationUnit = { label: 'minutes' | 'hours'; seconds: number };

/** Axis unit: minutes unless some bar passes 3 hours, then hours (minutes would read 0..600+). */
export function durationUnit(agents: readonly AgentPerformanceRow[]): DurationUnit {
  const max = Math.max(
    0,
    ...agents.flatMap((a) => [a.medianFirstResponseSec ?? 0, a.medianResolutionSec ?? 0]),
  );
  return max >= 3 * 3600 ? { label: 'hours', seconds: 3600 } : { label: 'minutes', seconds: 60 };
}

/** The y-axis label of one agent: `⚠ name` for outliers, `name (few data)` when under 5 values. */
export function agentLabel(agent: AgentPerformanceRow): string {
  const name =
    agent.name.length > MAX_NAME_LENGTH
      ? `${agent.name.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…`
      : agent.name;
  return `${agent.outlier ? '⚠ ' : ''}${name}${agent.fewData ? ' (few data)' : ''}`;
}

/**
 * Grouped horizontal bars per agent: median first-response and median resolution time, in the
 * unit of {@link durationUnit}; each bar is labelled with the humanised value. Outlier agents
 * get their own colour pair and a red ⚠ label.
 */
export function buildAgentPerformanceConfig(data: AgentPerformanceData): ChartConfiguration<'bar'> {
  const { agents } = data;
  const unit = durationUnit(agents);
  const toUnit = (sec: number | null) => (sec === null ? null : sec / unit.seconds);
  const colour = (normal: string, outlier: string) =>
    agents.map((a) => (a.outlier ? outlier : normal));
  const humanised = (sec: number | null) => (sec === null ? 'no data' : humaniseDuration(sec));
  const hasOutlier = agents.some((a) => a.outlier);

  const legendItems: LegendItem[] = [
    { text: 'Median first response', fillStyle: AGENT_COLOURS.firstResponse, lineWidth: 0 },
    { text: 'Median resolution', fillStyle: AGENT_COLOURS.resolution, lineWidth: 0 },
    ...(hasOutlier
      ? [
          {
            text: '⚠ Outlier (> 2× team median)',
            fillStyle: AGENT_COLOURS.outlierFirstResponse,
            lineWidth: 0,
          },
        ]
      : []),
  ];

  return {
    type: 'bar',
    data: {
      labels: agents.map(agentLabel),
      datasets: [
        {
          label: 'Median first response',
          data: agents.map((a) => toUnit(a.medianFirstResponseSec)),
          backgroundColor: colour(AGENT_COLOURS.firstResponse, AGENT_COLOURS.outlierFirstResponse),
        },
        {
          label: 'Median resolution',
          data: agents.map((a) => toUnit(a.medianResolutionSec)),
          backgroundColor: colour(AGENT_COLOURS.resolution, AGENT_COLOURS.outlierResolution),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: PADDING },
      datasets: { bar: { categoryPercentage: 0.8, barPercentage: 0.9 } },
      scales: {
        x: {
          beginAtZero: true,
          // Room past the longest bar for its "2h 5m" label.
          grace: '18%',
          title: axisTitle(`Median time (${unit.label})`),
          ticks: tickFont,
          grid: { color: INK.grid },
        },
        y: {
          ticks: {
            ...tickFont,
            // Every agent keeps its name, however many there are.
            autoSkip: false,
            // Outliers in red, few-data agents muted: the label carries the warning too.
            color: (ctx: ScriptableScaleContext) => {
              const agent = agents[ctx.index];
              return agent?.outlier ? AGENT_COLOURS.outlierText : agent?.fewData ? INK.muted : INK.text;
            },
          },
          grid: { display: false },
        },
      },
      plugins: {
        ...titleOptions<'bar'>(data.title ?? DEFAULT_TITLE, data.period),
        legend: {
          ...legendOptions,
          labels: { ...legendOptions.labels, generateLabels: () => legendItems },
        },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      valueLabelsPlugin([
        agents.map((a) => humanised(a.medianFirstResponseSec)),
        agents.map((a) => humanised(a.medianResolutionSec)),
      ]),
      ...(agents.length === 0 ? [noDataPlugin<'bar'>(NO_AGENTS)] : []),
    ],
  };
}

/** The chart's numbers as text lines, for Slack beside the image and for screen readers. */
export function agentPerformanceText(data: AgentPerformanceData): string[] {
  const value = (sec: number | null) => (sec === null ? 'n/a' : humaniseDuration(sec));
  return [
    `${data.title ?? DEFAULT_TITLE} — ${formatPeriod(data.period)}`,
    ...(data.agents.length === 0 ? [NO_AGENTS] : []),
    ...data.agents.map(
      (a) =>
        `${agentLabel(a)}${a.outlier ? ' (outlier)' : ''}: ` +
        `median first response ${value(a.medianFirstResponseSec)}, ` +
        `median resolution ${value(a.medianResolutionSec)}`,
    ),
  ];
}
