/**
 * Plain input data for every chart. The metrics engine adapts its results to these shapes;
 * nothing here knows about the database. Durations are seconds, rates are given as numerator
 * and denominator (the engine's cohort rules decide them, see docs/metrics.md), counts are integers.
 */
import type { Locale } from '../i18n/index.js';

/** The report window, half-open `[from, to)`, and the IANA zone its days and hours are taken in. */
export type ChartPeriod = {
  from: Date;
  to: Date;
  timeZone: string;
};

/** A rate as the engine computed it; shown as `n/a` when `denominator` is 0. */
export type Rate = {
  numerator: number;
  denominator: number;
};

export type AgentPerformanceRow = {
  /** Display name; may be in any script (Arabic names render joined, right-to-left). */
  name: string;
  /** Median first-response time in seconds; null when the agent has no value in the window. */
  medianFirstResponseSec: number | null;
  /** Median resolution time in seconds; null when the agent closed nothing in the window. */
  medianResolutionSec: number | null;
  /** 90th percentile of first-response time (s), drawn as a whisker past the median bar; absent or null: none. */
  p90FirstResponseSec?: number | null;
  /** 90th percentile of resolution time (s), drawn as a whisker; absent or null: none. */
  p90ResolutionSec?: number | null;
  /** Median more than 2× the team median (docs/metrics.md "outlier"): highlighted and marked ⚠. */
  outlier?: boolean;
  /** Fewer than 5 values: shown, but labelled "(few data)". */
  fewData?: boolean;
};

export type AgentPerformanceData = {
  period: ChartPeriod;
  /** Drawn top to bottom in the order given (the engine ranks them). */
  agents: readonly AgentPerformanceRow[];
  title?: string;
};

export type BusyHoursData = {
  period: ChartPeriod;
  /** `counts[row][hour]`: one row per weekday, 24 hour columns (0..23) in `period.timeZone`. */
  counts: readonly (readonly number[])[];
  /** Row labels, top to bottom; defaults to Mon..Sun. Must match `counts.length`. */
  weekdays?: readonly string[];
  /** What is counted, e.g. "inbound messages" or "conversations opened". */
  measure?: string;
  /** Local calendar days the window covers (cells are totals over them); default: counted from `period`. */
  days?: number;
  title?: string;
};

export type DeliveryFailureDay = {
  /** Calendar day in `period.timeZone`, `YYYY-MM-DD`. */
  date: string;
  /** Failed messages that day by error class label, e.g. `{ '131047 Re-engagement': 9, Other: 2 }`. */
  failed: Readonly<Record<string, number>>;
  /** Failure rate of the day's sent cohort: failed / sent. */
  failureRate: Rate;
};

export type DeliveryFailuresData = {
  period: ChartPeriod;
  days: readonly DeliveryFailureDay[];
  /**
   * Stacking order, bottom first; defaults to classes by total, descending, with "Other" last.
   * Keep to about five classes (group the rest as "Other"): each one is a legend entry.
   */
  classOrder?: readonly string[];
  title?: string;
};

/**
 * The funnel as one cohort, so bars and percentages divide the same numbers: the messages sent
 * in the window, and of those the ones delivered and read whenever their status came (the
 * engine's deliveryRate and readRate fractions). Received stands apart: contacts' messages in the
 * window, compared (engagement) with the messages delivered in the window.
 */
export type MessagesFunnelData = {
  period: ChartPeriod;
  /** Outbound messages sent in the window: the cohort. */
  sent: number;
  /** Of the cohort, delivered (ever). */
  delivered: number;
  /** Of the cohort, read (ever). */
  read: number;
  /** Inbound messages from contacts in the window. */
  received: number;
  /** Messages delivered in the window by delivery time: what engagement divides `received` by. */
  deliveredInWindow: number;
  title?: string;
};

/** Input type of each chart kind. */
export type ChartDataByKind = {
  agentPerformance: AgentPerformanceData;
  busyHours: BusyHoursData;
  deliveryFailures: DeliveryFailuresData;
  messagesFunnel: MessagesFunnelData;
};

export type ChartKind = keyof ChartDataByKind;

/** Fixed output sizes; each is rendered at 2× for Slack. */
export type ChartSize = 'slack' | 'square';

export type RenderOptions = {
  /** Defaults to 'slack' (800×450 logical, 1600×900 PNG). */
  size?: ChartSize;
  /** Language of titles, labels, legends and notes; 'ar' also lays them out right-to-left. Defaults to 'en'. */
  locale?: Locale;
};
