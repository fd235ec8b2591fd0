import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { agentsReport, type AgentsReport } from './agents.js';
import type { BusinessHours } from './business-hours.js';
import { busyHoursReport, type BusyHoursReport } from './busy-hours.js';
import { contactsReport, type ContactsReport } from './contacts.js';
import { conversationsReport, type ConversationsReport } from './conversations.js';
import { failuresReport, type FailuresReport } from './failures.js';
import { liveReport, type LiveReport } from './live.js';
import { messagesReport, type MessagesReport } from './messages.js';
import { overviewReport, type OverviewReport } from './overview.js';
import type { ReportQuery } from './window.js';

export * from './window.js';
export * from './stats.js';
export { explicitWindow, isValidZone, parsePeriod, PERIOD_HELP } from './period.js';
export { parseBusinessHours, type BusinessHours } from './business-hours.js';
export type { AgentRow, AgentsReport } from './agents.js';
export type { BusyHoursReport } from './busy-hours.js';
export type { ContactsReport } from './contacts.js';
export type { ConversationsReport } from './conversations.js';
export type { FailuresReport } from './failures.js';
export type { LiveReport, QueueEntry } from './live.js';
export type { MessagesReport } from './messages.js';
export type { OverviewReport } from './overview.js';
export { agentsNeeded, erlangC } from './staffing.js';
export { KNOWN_LIST_MAX, lookupFilters, type FilterLookup, type FilterProblem } from './filter-lookup.js';

export const REPORT_NAMES = ['overview', 'messages', 'failures', 'conversations', 'agents', 'contacts', 'busy-hours', 'live'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type ReportResult =
  | OverviewReport | MessagesReport | FailuresReport | ConversationsReport | AgentsReport | ContactsReport | BusyHoursReport | LiveReport;

/** What reports need besides the question: the clock (live) and configured options. */
export type ReportContext = {
  now: Date;
  businessHours?: BusinessHours;
  serviceLevel: number;
  frtTargetSec: number;
};

/** Runs one report by name — the single entry point the CLI, the demo and (later) Slack share. */
export async function runReport(db: Kysely<Database>, name: ReportName, q: ReportQuery, ctx: ReportContext): Promise<ReportResult> {
  switch (name) {
    case 'overview':
      return overviewReport(db, q, { now: ctx.now });
    case 'messages':
      return messagesReport(db, q);
    case 'failures':
      return failuresReport(db, q);
    case 'conversations':
      return conversationsReport(db, q, { businessHours: ctx.businessHours });
    case 'agents':
      return agentsReport(db, q, { businessHours: ctx.businessHours });
    case 'contacts':
      return contactsReport(db, q);
    case 'busy-hours':
      return busyHoursReport(db, q, { serviceLevel: ctx.serviceLevel, frtTargetSec: ctx.frtTargetSec });
    case 'live':
      return liveReport(db, ctx.now, q.filters);
    default: {
      const never: never = name;
      throw new Error(`unknown report ${String(never)}`);
    }
  }
}
