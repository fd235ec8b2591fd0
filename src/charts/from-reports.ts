import { messages, type Locale } from '../i18n/index.js';
import type { AgentsReport, BusyHoursReport, FailuresReport, MessagesReport, ReportResult } from '../metrics/index.js';
import { renderChart } from './render-chart.js';
import type { ChartPeriod, MessagesFunnelData, RenderOptions } from './types.js';

/**
 * The chart of a report, where it has one: messages → funnel, failures → daily failures by
 * class with the failure-rate line, agents → median FRT and resolution per agent, busy-hours →
 * weekday × hour heatmap of inbound messages. Pure adaptation: every number comes from the report;
 * `opts.locale` picks the language of every word on the image.
 */
export async function chartForReport(result: ReportResult, opts?: RenderOptions): Promise<Buffer | null> {
  switch (result.report) {
    case 'messages':
      return renderChart('messagesFunnel', messagesFunnel(result), opts);
    case 'failures':
      return renderChart('deliveryFailures', deliveryFailures(result), opts);
    case 'agents':
      return renderChart('agentPerformance', agentPerformance(result), opts);
    case 'busy-hours':
      return renderChart('busyHours', busyHours(result, opts?.locale), opts);
    default:
      return null;
  }
}

function period(w: { from: string; to: string; tz: string }): ChartPeriod {
  return { from: new Date(w.from), to: new Date(w.to), timeZone: w.tz };
}

/**
 * The funnel's bars from the report's cohort fractions, not its window counts: delivered and
 * read are deliveryRate's and readRate's numerators (of the messages sent in the window), so
 * each bar over the one before is the rate the report states. Received keeps its window count,
 * with engagement's denominator (delivered in the window) beside it.
 */
export function messagesFunnel(r: MessagesReport): MessagesFunnelData {
  return {
    period: period(r.window),
    sent: r.deliveryRate.denominator,
    delivered: r.deliveryRate.numerator,
    read: r.readRate.numerator,
    received: r.engagement.numerator,
    deliveredInWindow: r.engagement.denominator,
  };
}

export function deliveryFailures(r: FailuresReport) {
  return { period: period(r.window), days: r.days.map((d) => ({ date: d.date, failed: d.byClass, failureRate: d.failureRate })), classOrder: r.classOrder };
}

export function agentPerformance(r: AgentsReport) {
  return {
    period: period(r.window),
    agents: r.agents.map((a) => ({
      name: a.name,
      medianFirstResponseSec: a.firstResponse.median,
      medianResolutionSec: a.resolution.median,
      p90FirstResponseSec: a.firstResponse.p90,
      p90ResolutionSec: a.resolution.p90,
      outlier: a.outlier.firstResponse || a.outlier.resolution,
      fewData: a.fewData.firstResponse && a.fewData.resolution,
    })),
  };
}

export function busyHours(r: BusyHoursReport, locale: Locale = 'en') {
  return { period: period(r.window), counts: r.messages.counts, measure: messages(locale).charts.busyHours.inboundMessages, days: r.days };
}
