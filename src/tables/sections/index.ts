import type { ReportName, ReportResult } from '../../metrics/index.js';
import type { ReportSections, SectionTable } from '../columns.js';
import { agentsSections } from './agents.js';
import { busyHoursSections } from './busy-hours.js';
import { contactsSections } from './contacts.js';
import { conversationsSections } from './conversations.js';
import { failuresSections } from './failures.js';
import { liveSections } from './live.js';
import { messagesSections } from './messages.js';
import { overviewSections } from './overview.js';

/** Every report's sections (`--section NAME`, the Slack export's table) and its main one, the default. */
export const REPORT_SECTIONS: { [N in ReportName]: ReportSections<Extract<ReportResult, { report: N }>> } = {
  overview: overviewSections,
  messages: messagesSections,
  failures: failuresSections,
  conversations: conversationsSections,
  agents: agentsSections,
  contacts: contactsSections,
  'busy-hours': busyHoursSections,
  live: liveSections,
};

export function sectionsOf(result: ReportResult): ReportSections<ReportResult> {
  return REPORT_SECTIONS[result.report] as unknown as ReportSections<ReportResult>;
}

/**
 * The table of one section (default: the report's main one). A name the report does not have
 * is an expected failure (a user typed it): the caller words it, with the valid names given.
 */
export type SectionLookup =
  | { ok: true; table: SectionTable }
  | { ok: false; reason: 'unknownSection'; report: ReportName; section: string; valid: string[]; main: string };

export function sectionTable(result: ReportResult, name?: string): SectionLookup {
  const { main, sections } = sectionsOf(result);
  const wanted = name ?? main;
  // hasOwn: `toString` and friends are not sections
  if (!Object.hasOwn(sections, wanted)) {
    return { ok: false, reason: 'unknownSection', report: result.report, section: wanted, valid: Object.keys(sections), main };
  }
  return { ok: true, table: sections[wanted]!.table(result) };
}
