import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { contactsReport } from './contacts.js';
import { conversationsReport } from './conversations.js';
import { messagesReport } from './messages.js';
import { delta, previousWindow, windowJson, type ReportFilters, type ReportQuery } from './window.js';

type Delta = ReturnType<typeof delta>;
/** A rate's value now and before; change is relative, like every delta (METRICS "Previous period"). */
type RateDelta = { current: number | null; previous: number | null; change: number | null };

export type OverviewReport = {
  report: 'overview';
  window: ReturnType<typeof windowJson>;
  previousWindow: ReturnType<typeof windowJson>;
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
 * The headline numbers of the window beside those of the equal window just before, each taken
 * from its own report so the overview can never disagree with them.
 */
export async function overviewReport(db: Kysely<Database>, q: ReportQuery): Promise<OverviewReport> {
  const prev = { window: previousWindow(q.window), filters: q.filters };
  const [m, mp, c, cp, k, kp] = await Promise.all([
    messagesReport(db, q),
    messagesReport(db, prev),
    conversationsReport(db, q),
    conversationsReport(db, prev),
    contactsReport(db, q),
    contactsReport(db, prev),
  ]);
  return {
    report: 'overview',
    window: windowJson(q.window),
    previousWindow: windowJson(prev.window),
    filters: q.filters,
    kpis: {
      received: delta(m.received, mp.received),
      sent: delta(m.sent, mp.sent),
      deliveryRate: ratio(m.deliveryRate.value, mp.deliveryRate.value),
      readRate: ratio(m.readRate.value, mp.readRate.value),
      failed: delta(m.failed, mp.failed),
      conversationsOpened: delta(c.opened.total, cp.opened.total),
      conversationsClosed: delta(c.closed.total, cp.closed.total),
      unresolved: delta(c.unresolved, cp.unresolved),
      medianFirstResponseSec: ratio(c.firstResponse.median, cp.firstResponse.median),
      medianResolutionSec: ratio(c.resolution.median, cp.resolution.median),
      newContacts: delta(k.new.total, kp.new.total),
    },
  };
}

function ratio(current: number | null, previous: number | null): RateDelta {
  return { current, previous, change: current === null || previous === null || previous === 0 ? null : (current - previous) / previous };
}
