import type { ReportName, ReportResult } from '../../../metrics/index.js';
import { UsageError } from '../../usage-error.js';
import type { ReportSections, SectionTable } from '../columns.js';
import { agentsSections } from './agents.js';
import { busyHoursSections } from './busy-hours.js';
import { contactsSections } from './contacts.js';
import { conversationsSections } from './conversations.js';
import { failuresSections } from './failures.js';
import { liveSections } from './live.js';
import { messagesSections } from './messages.js';
import { overviewSections } from './overview.js';

/** Every report's sections (`--section NAME`) and its main one, the default. */
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

/** The table of one section (default: the report's main one); an unknown name is a UsageError listing the valid ones. */
export function sectionTable(result: ReportResult, name?: string): SectionTable {
  const { main, sections } = sectionsOf(result);
  const section = sections[name ?? main];
  if (!section || !Object.hasOwn(sections, name ?? main)) {
    throw new UsageError(`--section for the ${result.report} report must be one of ${Object.keys(sections).join(', ')} (default ${main})`);
  }
  return section.table(result);
}
