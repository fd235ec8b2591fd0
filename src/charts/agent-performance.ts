import type { ChartConfiguration, LegendItem, ScriptableScaleContext } from 'chart.js';
import { messages, type Locale } from '../i18n/index.js';
import { axisTitle, legendFor, tickFont, titleOptions } from './common-options.js';
import { formatPeriod, localDuration } from './format.js';
import { directionPlugin } from './plugins/direction-plugin.js';
import { noDataPlugin } from './plugins/no-data-plugin.js';
import { valueLabelsPlugin } from './plugins/value-labels-plugin.js';
import { whiskerPlugin } from './plugins/whisker-plugin.js';
import { AGENT_COLOURS, INK, PADDING } from './theme.js';
import type { AgentPerformanceData, AgentPerformanceRow } from './types.js';

const MAX_NAME_LENGTH = 28;
/** Which values each agent's figures are made of (the agents report's anchors), in English. */
export const AGENTS_COHORT = messages('en').charts.agents.cohort;

export type DurationUnit = { label: 'minutes' | 'hours'; seconds: number };

/** Every value an agent's row draws: medians and the 90th percentiles of their whiskers. */
const drawnSeconds = (a: AgentPerformanceRow) => [
  a.medianFirstResponseSec ?? 0,
  a.medianResolutionSec ?? 0,
  a.p90FirstResponseSec ?? 0,
  a.p90ResolutionSec ?? 0,
];

/** Axis unit: minutes unless some bar or whisker passes 3 hours, then hours (minutes would read 0..600+). */
export function durationUnit(agents: readonly AgentPerformanceRow[]): DurationUnit {
  const max = Math.max(0, ...agents.flatMap(drawnSeconds));
  return max >= 3 * 3600 ? { label: 'hours', seconds: 3600 } : { label: 'minutes', seconds: 60 };
}

/** The y-axis label of one agent: `⚠ name` for outliers, `name (few data)` when under 5 values. */
export function agentLabel(agent: AgentPerformanceRow, locale: Locale = 'en'): string {
  const name =
    agent.name.length > MAX_NAME_LENGTH
      ? `${agent.name.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…`
      : agent.name;
  const marked = `${agent.outlier ? '⚠ ' : ''}${name}`;
  return agent.fewData ? messages(locale).charts.agents.fewData(marked) : marked;
}

/** `1m 23s · p90 5h`: the median, and the 90th percentile where there is one. */
function barLabel(median: number | null, p90: number | null | undefined, locale: Locale): string {
  const m = messages(locale).charts.agents;
  if (median === null) return m.barNoData;
  const d = (sec: number) => localDuration(sec, locale);
  return p90 === null || p90 === undefined ? d(median) : m.withP90Label(d(median), d(p90));
}

/**
 * Grouped horizontal bars per agent: median first-response and median resolution time, in the
 * unit of {@link durationUnit}, each with a whisker out to its 90th percentile so a long tail
 * shows even behind a short median; each bar is labelled `median · p90 …`. Outlier agents get
 * their own colour pair and a red ⚠ label.
 */
export function buildAgentPerformanceConfig(data: AgentPerformanceData, locale: Locale = 'en'): ChartConfiguration<'bar'> {
  const { agents } = data;
  const m = messages(locale).charts.agents;
  const unit = durationUnit(agents);
  const toUnit = (sec: number | null) => (sec === null ? null : sec / unit.seconds);
  const colour = (normal: string, outlier: string) =>
    agents.map((a) => (a.outlier ? outlier : normal));
  const hasOutlier = agents.some((a) => a.outlier);
  const whiskers = [
    agents.map((a) => toUnit(a.p90FirstResponseSec ?? null)),
    agents.map((a) => toUnit(a.p90ResolutionSec ?? null)),
  ];
  const hasWhiskers = whiskers.flat().some((v) => v !== null);
  const longest = Math.max(0, ...agents.flatMap(drawnSeconds)) / unit.seconds;

  const legendItems: LegendItem[] = [
    { text: m.medianFirstResponse, fillStyle: AGENT_COLOURS.firstResponse, lineWidth: 0, pointStyle: 'rect' },
    { text: m.medianResolution, fillStyle: AGENT_COLOURS.resolution, lineWidth: 0, pointStyle: 'rect' },
    ...(hasOutlier
      ? [
          {
            text: m.outlierLegend,
            fillStyle: AGENT_COLOURS.outlierFirstResponse,
            lineWidth: 0,
            pointStyle: 'rect' as const,
          },
        ]
      : []),
    ...(hasWhiskers
      ? [{ text: m.p90Legend, strokeStyle: AGENT_COLOURS.whisker, lineWidth: 2, pointStyle: 'line' as const }]
      : []),
  ];

  return {
    type: 'bar',
    data: {
      labels: agents.map((a) => agentLabel(a, locale)),
      datasets: [
        {
          label: m.medianFirstResponse,
          data: agents.map((a) => toUnit(a.medianFirstResponseSec)),
          backgroundColor: colour(AGENT_COLOURS.firstResponse, AGENT_COLOURS.outlierFirstResponse),
        },
        {
          label: m.medianResolution,
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
          // The whiskers are drawn by a plugin, outside the data: the axis must reach them.
          suggestedMax: longest,
          // Room past the longest bar or whisker for its "9h 30m · p90 20h" label, also on the
          // 600 px size. Chart.js takes grace as a share of half the range: 100 % adds half the
          // longest value, 36 % adds 18 %.
          grace: hasWhiskers ? '100%' : '36%',
          title: axisTitle(hasWhiskers ? m.timeAxis(m.unit[unit.label]) : m.medianTimeAxis(m.unit[unit.label])),
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
        ...titleOptions<'bar'>(data.title ?? m.title, data.period, [
          `${hasWhiskers ? m.noteWithWhiskers : m.noteBars} ${m.cohort}`,
        ], locale),
        legend: {
          ...legendFor(locale),
          labels: { ...legendFor(locale).labels, usePointStyle: true, pointStyleWidth: 18, generateLabels: () => legendItems },
        },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      whiskerPlugin(whiskers, AGENT_COLOURS.whisker),
      valueLabelsPlugin(
        [
          agents.map((a) => barLabel(a.medianFirstResponseSec, a.p90FirstResponseSec, locale)),
          agents.map((a) => barLabel(a.medianResolutionSec, a.p90ResolutionSec, locale)),
        ],
        whiskers,
      ),
      ...(agents.length === 0 ? [noDataPlugin<'bar'>(m.noData)] : []),
      ...(locale === 'ar' ? [directionPlugin<'bar'>()] : []),
    ],
  };
}

/** The chart's numbers as text lines, for Slack beside the image and for screen readers. */
export function agentPerformanceText(data: AgentPerformanceData, locale: Locale = 'en'): string[] {
  const c = messages(locale).charts;
  const m = c.agents;
  const d = (sec: number) => localDuration(sec, locale);
  const value = (sec: number | null, p90?: number | null) =>
    sec === null ? c.notAvailable : p90 === null || p90 === undefined ? d(sec) : m.withP90Text(d(sec), d(p90));
  return [
    c.textHeading(data.title ?? m.title, formatPeriod(data.period, locale)),
    m.cohort,
    ...(data.agents.length === 0 ? [m.noData] : []),
    ...data.agents.map((a) =>
      m.textLine(
        agentLabel(a, locale),
        a.outlier === true,
        value(a.medianFirstResponseSec, a.p90FirstResponseSec),
        value(a.medianResolutionSec, a.p90ResolutionSec),
      ),
    ),
  ];
}
