import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { contactsBySource } from './contacts/counts.js';
import { conversationHeadline } from './conversations.js';
import { messageCounts } from './messages/counts.js';
import { delta, isRunning, previousWindow, windowJson, type ReportFilters, type ReportQuery } from './window.js';

/** The filters a KPI was counted under: those given that apply to its facts. */
type FilteredBy = { filteredBy: (keyof ReportFilters)[] };
type Delta = ReturnType<typeof delta> & FilteredBy;
/** A rate's value now and before; change is relative, like every delta (METRICS "Previous period"). */
type RateDelta = { current: number | null; previous: number | null; change: number | null } & FilteredBy;

export type OverviewKpi = keyof OverviewReport['kpis'];

export type OverviewReport = {
  report: 'overview';
  window: ReturnType<typeof windowJson>;
  /** what the figures are compared with: the equal window before, or the same elapsed span of the previous period */
  previousWindow: ReturnType<typeof windowJson>;
  /** for a window still running (today, this-week…): the instant its figures run to (now); else null */
  asOf: string | null;
  filters: ReportFilters;
  kpis: {
    received: Delta;
    sent: Delta;
    deliveryRate: RateDelta;
    readRate: RateDelta;
    failed: Delta;
    conversationsOpened: Delta;
    conversationsClosed: Delta;
    unresolved: Delta;
    /** median first response time, seconds */
    medianFirstResponseSec: RateDelta;
    /** median resolution time (agent-resolved, not auto_close), seconds */
    medianResolutionSec: RateDelta;
    newContacts: Delta;
  };
};

/**
 * Which filters reach which report's facts (see each report): channel reaches all; agent and
 * team reach outbound messages and conversations (through the assignee), not received messages
 * (no agent wrote them) nor contacts (a contact has no agent).
 */
const AGENT_FILTERS_APPLY: Record<'outbound' | 'inbound' | 'conversations' | 'contacts', boolean> = {
  outbound: true, inbound: false, conversations: true, contacts: false,
};

/**
 * The headline numbers of the window beside those of the previous period, each taken from the
 * function its own report takes it from (messages: messageCounts; new contacts:
 * contactsBySource; conversations: conversationHeadline, the report's own parts), so the
 * overview can never disagree with them. Only those parts run: the messages report's per-day
 * series and billable split, the contacts report's deleted, new-vs-returning and reply-rate
 * queries, and the conversations report's response times, p90s and maxima, are most of those
 * reports' time and none of the overview's figures. With `now` inside the window (a period to
 * date), both sides run for the same elapsed span: the current one up to `now`, the previous
 * one as long from its start (previousWindow).
 */
export async function overviewReport(db: Kysely<Database>, q: ReportQuery, opts: { now?: Date } = {}): Promise<OverviewReport> {
  const running = opts.now !== undefined && isRunning(q.window, opts.now);
  const current = running ? { window: { ...q.window, to: opts.now! }, filters: q.filters } : q;
  const prev = { window: previousWindow(q.window, opts.now), filters: q.filters };
  const [{ total: m }, { total: mp }, c, cp, k, kp] = await Promise.all([
    messageCounts(db, current),
    messageCounts(db, prev),
    conversationHeadline(db, current),
    conversationHeadline(db, prev),
    contactsBySource(db, current, 'created_at'),
    contactsBySource(db, prev, 'created_at'),
  ]);
  const by = (facts: keyof typeof AGENT_FILTERS_APPLY) => ({
    filteredBy: (['channel', 'agent', 'team'] as const).filter((f) => q.filters[f] !== undefined && (f === 'channel' || AGENT_FILTERS_APPLY[facts])),
  });
  return {
    report: 'overview',
    window: windowJson(q.window),
    previousWindow: windowJson(prev.window),
    asOf: running ? opts.now!.toISOString() : null,
    filters: q.filters,
    kpis: {
      received: { ...delta(m.received, mp.received), ...by('inbound') },
      sent: { ...delta(m.sent, mp.sent), ...by('outbound') },
      deliveryRate: { ...ratio(m.deliveryRate.value, mp.deliveryRate.value), ...by('outbound') },
      readRate: { ...ratio(m.readRate.value, mp.readRate.value), ...by('outbound') },
      failed: { ...delta(m.failed, mp.failed), ...by('outbound') },
      conversationsOpened: { ...delta(c.opened, cp.opened), ...by('conversations') },
      conversationsClosed: { ...delta(c.closed, cp.closed), ...by('conversations') },
      unresolved: { ...delta(c.unresolved, cp.unresolved), ...by('conversations') },
      medianFirstResponseSec: { ...ratio(c.medianFirstResponseSec, cp.medianFirstResponseSec), ...by('conversations') },
      medianResolutionSec: { ...ratio(c.medianResolutionSec, cp.medianResolutionSec), ...by('conversations') },
      newContacts: { ...delta(k.total, kp.total), ...by('contacts') },
    },
  };
}

function ratio(current: number | null, previous: number | null) {
  return { current, previous, change: current === null || previous === null || previous === 0 ? null : (current - previous) / previous };
}
