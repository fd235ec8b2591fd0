import { parsePeriod, runReport, type AgentsReport, type LiveReport, type OverviewReport } from '../../metrics/index.js';
import { appHomeView } from '../blocks/app-home.js';
import { callerLocale } from './caller-locale.js';
import type { SlackServices } from './types.js';
import { visibleReport } from './visible-report.js';

/**
 * Publishes the caller's Home tab (views.publish): today against yesterday's same hours for
 * supervisors, the unassigned queue with waiting times, and the caller's own agent numbers
 * when they are a linked agent. Built fresh on every app_home_opened and on Refresh; the three
 * reports run concurrently and are small (today only), so a warm process publishes well
 * under Slack's expectations (measured in the closing note of issue 9).
 */
export async function publishHome(svc: SlackServices, userId: string): Promise<void> {
  const now = svc.now();
  const tz = svc.config.reports.tz;
  const ctx = { now, ...svc.config.reports };
  const today = parsePeriod('today', tz, now);
  if (!today.ok) throw new Error(`cannot build today in ${tz}: ${today.error}`);
  const query = { window: today.window, filters: {} };
  const [locale, isSupervisor, agent] = await Promise.all([
    callerLocale(svc, userId),
    svc.supervisors.isSupervisor(userId),
    svc.agents.agentForSlackUser(userId),
  ]);
  const [overview, live, mine] = await Promise.all([
    // Team KPIs are for supervisors: nobody else's Home runs the overview.
    isSupervisor ? runReport(svc.reports.db, 'overview', query, ctx) : Promise.resolve(undefined),
    runReport(svc.reports.db, 'live', query, ctx),
    agent ? runReport(svc.reports.db, 'agents', query, ctx) : Promise.resolve(undefined),
  ]);
  const view = appHomeView(
    {
      today: overview as OverviewReport | undefined,
      tz,
      live: visibleReport(svc, live as LiveReport),
      me: agent && mine ? { report: mine as AgentsReport, agentId: agent.id } : undefined,
      isSupervisor,
      now,
    },
    locale,
  );
  await svc.client.views.publish({ user_id: userId, view });
}
