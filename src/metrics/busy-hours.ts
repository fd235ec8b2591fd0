import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { inboundMatrix, openedMatrices } from './busy-hours/demand.js';
import { localHours, type Matrix } from './busy-hours/local-hours.js';
import { peakHours, type PeakHour } from './busy-hours/peak-hours.js';
import { measuredHandleTime, type HandleTime } from './busy-hours/handle-time.js';
import { agentHours, staffingMatrices, type StaffingMatrices } from './busy-hours/staffing-cells.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export type { Matrix } from './busy-hours/local-hours.js';
export type { PeakHour } from './busy-hours/peak-hours.js';
export type { StaffingMatrices } from './busy-hours/staffing-cells.js';
export type { HandleTime, NoHintReason } from './busy-hours/handle-time.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A 7 × 24 heatmap (rows Mon..Sun, local hours 0..23) with its total and peak hours. */
export type BusyMatrix = { counts: Matrix; total: number; peakHours: PeakHour[] };

/** Handle time is measured from the window (see HandleTime), so there is no concurrency option. */
export type BusyHoursOptions = {
  /** share to answer within the target (SERVICE_LEVEL, default 0.8) */
  serviceLevel?: number;
  /** answer-within target T in seconds (FRT_TARGET, default 300) */
  frtTargetSec?: number;
};

export type BusyHoursReport = {
  report: 'busy-hours';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
  weekdays: typeof WEEKDAYS;
  /** local calendar days the window touches (the peak-hour divisor) */
  days: number;
  /** times each local weekday × hour occurs in the window (0 or 2 on DST change days) */
  hours: Matrix;
  /** received inbound messages by the local time of their timestamp */
  messages: BusyMatrix;
  /** conversation cycles by the local time they opened (any opener) */
  opened: BusyMatrix;
  staffing: StaffingMatrices & HandleTime & {
    serviceLevel: number;
    frtTargetSec: number;
    /** contact-opened cycles per cell (the arrivals λ is computed from) */
    arrivals: Matrix;
  };
};

/**
 * docs/metrics.md "Busy hours" and "Staffing hint" over [from, to), weekdays (ISO, Mon first) and
 * hours taken in window.tz with DST. Counted: received inbound messages by their timestamp;
 * cycles by opened_at; per cell λ = contact-opened cycles ÷ occurrences of that local hour;
 * AHT = agent-active hours × 3600 ÷ the closes of those agents (measuredHandleTime); Erlang C
 * agents needed beside the average distinct agents who replied (agent-sent messages by send
 * time). Without a handle time (nobody replied or nobody closed) every hint is null and
 * staffing.noHintReason says why.
 *
 * Filters: channel applies to every fact (the message's or cycle's number). agent/team apply
 * to cycles through their assignee (current, or at close): opened, arrivals, and inbound
 * messages belonging to such a cycle; to the replying agents through the message's agent; to
 * the closes through the closing agent (else the assignee at close).
 */
export async function busyHoursReport(db: Kysely<Database>, q: ReportQuery, opts: BusyHoursOptions = {}): Promise<BusyHoursReport> {
  const settings = { serviceLevel: opts.serviceLevel ?? 0.8, frtTargetSec: opts.frtTargetSec ?? 300 };
  if (!(settings.serviceLevel > 0 && settings.serviceLevel < 1) || !(settings.frtTargetSec >= 0)) {
    throw new RangeError(`busy hours: need 0 < service level < 1, FRT target ≥ 0; got ${JSON.stringify(settings)}`);
  }
  const [local, inbound, opened, handleTime, replied] = await Promise.all([
    localHours(db, q.window), inboundMatrix(db, q), openedMatrices(db, q), measuredHandleTime(db, q), agentHours(db, q),
  ]);
  const busy = (counts: Matrix): BusyMatrix => ({ counts, total: counts.flat().reduce((a, b) => a + b, 0), peakHours: peakHours(counts, local.days) });
  return {
    report: 'busy-hours',
    window: windowJson(q.window),
    filters: q.filters,
    weekdays: WEEKDAYS,
    days: local.days,
    hours: local.hours,
    messages: busy(inbound),
    opened: busy(opened.opened),
    staffing: {
      ...settings,
      ...handleTime,
      arrivals: opened.byContact,
      ...staffingMatrices({ arrivals: opened.byContact, hours: local.hours, agentHours: replied }, handleTime.handleTimeSec, settings),
    },
  };
}
