import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import type { Rate } from './stats.js';
import {
  failuresByCategory, failuresByChannel, failuresByCode, webhookErrorsByCode,
  type FailuresByCategory, type FailuresByChannel, type FailuresByCode, type WebhookErrorsByCode,
} from './failures/breakdowns.js';
import { failuresDaily, type FailuresDay } from './failures/daily.js';
import { ERROR_CLASSES, ERROR_CLASS_LABELS, OTHER_CLASS } from './failures/error-classes.js';
import type { RollupOptions } from './messages/rollup-facts.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export type { FailuresByCategory, FailuresByChannel, FailuresByCode, WebhookErrorsByCode } from './failures/breakdowns.js';
export type { FailuresDay } from './failures/daily.js';
export { ERROR_CLASSES, ERROR_CLASS_LABELS, OTHER_CLASS, errorClassOf } from './failures/error-classes.js';

export type FailuresReport = {
  report: 'failures';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
  /** outbound wamids failed for good (no delivered/read/played ever), by failed time in window */
  failed: number;
  /** outbound wamids sent in window: the failure-rate cohort */
  sent: number;
  /** sent cohort: failed for good (whenever) / sent */
  failureRate: Rate;
  byCode: FailuresByCode[];
  byChannel: FailuresByChannel[];
  byPricingCategory: FailuresByCategory[];
  /** per local day in window.tz, zero-filled */
  days: FailuresDay[];
  /** the chart's error classes: code → label; failures of any other code (or none) are "Other" */
  errorClasses: { code: number | null; label: string }[];
  /** labels of the classes with failures in the window, in stacking order (bottom first) */
  classOrder: string[];
  /** out-of-band webhook errors (value.errors[]) observed in window */
  webhookErrors: { total: number; byCode: WebhookErrorsByCode[] };
};

/**
 * docs/metrics.md "failed" over [from, to) in window.tz: outbound wamids (echoes included, history
 * never) with a failed status and no delivered/read/played at all, counted by the failed time;
 * broken down by error code (with its title and chart class), channel and pricing category;
 * failure rate over the sent cohort (sent in window by send time, failed whenever); per local
 * day: failures by class and code by failed day, and the failure rate of that day's sent
 * messages. Plus webhook_errors by code, by observed_at.
 *
 * Filters: channel applies to everything; agent/team restrict the message facts to messages
 * attributed to that agent / an agent of that team, and do not apply to webhook errors (no agent).
 * Message facts come from the count rollups (migrations/0009), exact at any window edge.
 */
export async function failuresReport(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<FailuresReport> {
  const [channels, byCode, byPricingCategory, days, webhook] = await Promise.all([
    failuresByChannel(db, q, opts), failuresByCode(db, q, opts), failuresByCategory(db, q, opts), failuresDaily(db, q, opts), webhookErrorsByCode(db, q),
  ]);
  const present = new Set(byCode.map((c) => c.class));
  return {
    report: 'failures',
    window: windowJson(q.window),
    filters: q.filters,
    ...channels.total,
    byCode,
    byChannel: channels.channels,
    byPricingCategory,
    days,
    errorClasses: [...ERROR_CLASSES.map((c) => ({ code: c.code, label: c.label })), { code: null, label: OTHER_CLASS }],
    classOrder: ERROR_CLASS_LABELS.filter((l) => present.has(l)),
    webhookErrors: { total: webhook.reduce((a, e) => a + e.count, 0), byCode: webhook },
  };
}
