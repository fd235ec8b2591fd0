import { lookupFilters, parsePeriod, type ReportFilters, type ReportName, type ReportQuery } from '../../metrics/index.js';
import type { FilterProblem } from '../../metrics/index.js';
import type { PulseFilters } from '../command/index.js';
import type { SlackServices } from './types.js';

/** The period a report covers when the command names none: the last 7 local days, as in the CLI. */
export const DEFAULT_PERIOD = '7d';

export type RequestProblem =
  | { kind: 'filter'; problem: FilterProblem }
  | { kind: 'unlinkedAgentMention'; userId: string }
  | { kind: 'period'; text: string };

export type ReportRequest = { ok: true; name: ReportName; query: ReportQuery } | { ok: false; problem: RequestProblem };

/**
 * A parsed /pulse report command as the metrics take it. Days and hours are the business's
 * (REPORT_TZ), not each supervisor's own zone, so two supervisors asking for "yesterday" see the
 * same numbers; every answer names the zone. An `agent:@user` mention is resolved through the
 * agent links (slack_user_id from the inbox, else the same email), a typed name through the store.
 */
export async function reportRequest(
  svc: SlackServices,
  name: ReportName,
  period: string | undefined,
  filters: PulseFilters,
): Promise<ReportRequest> {
  const tz = svc.config.reports.tz;
  const win = parsePeriod(period ?? DEFAULT_PERIOD, tz, svc.now());
  if (!win.ok) return { ok: false, problem: { kind: 'period', text: period ?? DEFAULT_PERIOD } };
  const wanted: ReportFilters = {};
  if (filters.agent?.kind === 'slackUser') {
    const agent = await svc.agents.agentForSlackUser(filters.agent.id);
    if (!agent) return { ok: false, problem: { kind: 'unlinkedAgentMention', userId: filters.agent.id } };
    wanted.agent = agent.id;
  } else if (filters.agent?.kind === 'name') {
    wanted.agent = filters.agent.name;
  }
  if (filters.team) wanted.team = filters.team;
  if (filters.number) wanted.channel = filters.number;
  const looked = await lookupFilters(svc.reports.db, wanted);
  if (!looked.ok) return { ok: false, problem: { kind: 'filter', problem: looked.problem } };
  return { ok: true, name, query: { window: win.window, filters: looked.filters } };
}
