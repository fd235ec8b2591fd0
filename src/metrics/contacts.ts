import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { contactsBySource, type SourceCounts } from './contacts/counts.js';
import { newVsReturning, type NewVsReturning } from './contacts/new-returning.js';
import { replyRates, type ReplyRates } from './contacts/reply-rate.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export { CONTACT_SOURCES, type BySource, type KnownSource } from './contacts/source.js';
export type { NewVsReturning } from './contacts/new-returning.js';
export type { ReplyRates } from './contacts/reply-rate.js';
export type { SourceCounts } from './contacts/counts.js';

export type ContactsReport = {
  report: 'contacts';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
  /** filters that were given but do not apply to contact facts (agent, team) */
  ignoredFilters: ('agent' | 'team')[];
  /** contacts created in the window, by source */
  new: SourceCounts;
  /** contacts deleted in the window, by source */
  deleted: SourceCounts;
  newVsReturning: NewVsReturning;
  /** share of contacts sent a message who answered within 24 h of the first one, by source */
  replyRate: ReplyRates;
};

/**
 * METRICS "Contacts" over [from, to): new (created_at in window) and deleted (deleted_at in
 * window) by source; new vs returning among contacts who wrote in the window (new = no inbound
 * message before `from`); reply rate by source (answered within 24 h of their first outbound
 * message in the window; replies after `to` count, so a window settles 24 h after it ends).
 *
 * Filters: channel — new/deleted: contacts whose first (non-history) message was on that
 * number; new vs returning and reply rate: messages on that number. agent/team do not apply
 * (a contact has no agent) and are listed in `ignoredFilters`.
 */
export async function contactsReport(db: Kysely<Database>, q: ReportQuery): Promise<ContactsReport> {
  const [created, deleted, newReturning, replyRate] = await Promise.all([
    contactsBySource(db, q, 'created_at'), contactsBySource(db, q, 'deleted_at'), newVsReturning(db, q), replyRates(db, q),
  ]);
  return {
    report: 'contacts',
    window: windowJson(q.window),
    filters: q.filters,
    ignoredFilters: (['agent', 'team'] as const).filter((k) => q.filters[k] !== undefined),
    new: created,
    deleted,
    newVsReturning: newReturning,
    replyRate,
  };
}
