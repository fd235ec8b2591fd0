import { parsePeriod, runReport, type AgentsReport, type LiveReport, type OverviewReport } from '../../metrics/index.js';
import { appHomeView } from '../blocks/app-home.js';
import { maskReportPhones } from '../mask/index.js';
import { callerLocale } from './caller-locale.js';
import type { SlackServices } from './types.js';

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
  const mask = <T extends Parameters<typeof maskReportPhones>[0]>(r: T): T => (svc.config.showPhoneNumbers ? r : (maskReportPhones(r) as T));
  const [overview, live, mine] = await Promise.all([
    // Everyone's Home says how the queue is doing; the overview's KPIs are shown to supervisors only (appHomeView).
    runReport(svc.store.db, 'overview', query, ctx),
    runReport(svc.store.db, 'live', query, ctx),
    agent ? runReport(svc.store.db, 'agents', query, ctx) : Promise.resolve(undefined),
  ]);
  const view = appHomeView(
    {
      today: overview as OverviewReport,
      live: mask(live as LiveReport),
      me: agent && mine ? { report: mine as AgentsReport, agentId: agent.id } : undefined,
      isSupervisor,
      now,
    },
    locale,
  );
  await svc.client.views.publish({ user_id: userId, view });
}
