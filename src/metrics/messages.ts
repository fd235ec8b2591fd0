import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { billableCounts, type Billable } from './messages/billable.js';
import { messageCounts, type ChannelKey, type MessageCounts } from './messages/counts.js';
import { messagesDaily, type MessagesDay } from './messages/daily.js';
import type { RollupOptions } from './messages/rollup-facts.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export type { Billable, BillableCategory } from './messages/billable.js';
export type { ChannelKey, MessageCounts } from './messages/counts.js';
export type { MessagesDay } from './messages/daily.js';

export type MessagesChannel = ChannelKey & MessageCounts & { billable: Billable };

export type MessagesReport = {
  report: 'messages';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
} & MessageCounts & {
  billable: Billable;
  /** the same metrics per business number (phone_number_id; null for rows without one) */
  byChannel: MessagesChannel[];
  /** per local day in window.tz, zero-filled */
  days: MessagesDay[];
};

/**
 * docs/metrics.md "Messages" over [from, to) in window.tz. Counted: received and reactions (inbound,
 * by timestamp); sent (distinct outbound wamids by send time = sent status, else earliest status,
 * else inbox event; echoes count, history never); delivered (by delivered time, else earliest
 * read/played); read (earliest read/played); failed (failed and never delivered, by failed time);
 * delivery/read/failure rates over the sent cohort (messages sent in the window, whenever their
 * statuses came); engagement = received / delivered in the window; inside/outside the 24 h
 * window and billable by pricing category, both over the sent cohort. All split by channel and
 * given per local day.
 *
 * Filters: channel applies to every fact. agent/team apply to outbound facts only (sent,
 * delivered, read, failed, rates, inside/outside, billable: messages attributed to that agent or
 * to an agent of that team); received and reactions are not attributable and stay unfiltered,
 * so engagement then compares all received messages with that agent's deliveries.
 *
 * Read from the count rollups (migrations/0009) plus base rows for partial edge buckets: exact,
 * and cheap however long the history. `opts.useRollups: false` reads base rows only (tests).
 */
export async function messagesReport(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<MessagesReport> {
  const [counts, billable, days] = await Promise.all([messageCounts(db, q, opts), billableCounts(db, q, opts), messagesDaily(db, q, opts)]);
  const empty: Billable = { total: 0, byCategory: [] };
  return {
    report: 'messages',
    window: windowJson(q.window),
    filters: q.filters,
    ...counts.total,
    billable: billable.total,
    byChannel: counts.channels.map((c) => ({ ...c, billable: billable.byChannel.get(c.channel) ?? empty })),
    days,
  };
}
