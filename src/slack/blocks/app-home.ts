import type { HomeView, KnownBlock } from '@slack/types';
import { formatCount, formatDuration, messages, type Locale } from '../../i18n/index.js';
import type { AgentsReport } from '../../metrics/agents.js';
import type { LiveReport } from '../../metrics/live.js';
import type { OverviewKpi, OverviewReport } from '../../metrics/overview.js';
import { firstOf } from './agents-words.js';
import { ACTION_IDS } from './action-ids.js';
import { kpiWithDelta, type KpiValue } from './delta.js';
import { chartImage, context, divider, fieldSections, header, section } from './kit.js';
import { byLongestWait, queueLine } from './live.js';
import { meFields, meNotes } from './me.js';
import { asOfText, windowText } from './window-line.js';

/** Queue entries a supervisor sees on Home; `/pulse live` has the rest. */
export const HOME_QUEUE_ROWS = 10;

export type AppHomeInput = {
  /** today so far against the same span of yesterday (overviewReport with now); supervisors only */
  today?: OverviewReport;
  /** the report zone "as of" is written in */
  tz: string;
  live: LiveReport;
  /** the caller's own stats, when they are a linked agent */
  me?: { report: AgentsReport; agentId: string };
  isSupervisor: boolean;
  now: Date;
  /** a published chart of today, shown to supervisors */
  chartUrl?: string;
};

const KPI_KINDS: Record<OverviewKpi, KpiValue['kind']> = {
  received: 'count', sent: 'count', deliveryRate: 'rate', readRate: 'rate', failed: 'count',
  conversationsOpened: 'count', conversationsClosed: 'count', unresolved: 'count',
  medianFirstResponseSec: 'duration', medianResolutionSec: 'duration', newContacts: 'count',
};

/** Today's KPIs, each with its change against yesterday as the report gives it. */
function todayPairs(r: OverviewReport, locale: Locale): [string, string][] {
  // The same KPI names as /pulse overview.
  const labels = messages(locale).answers.overview.kpis;
  return (Object.keys(KPI_KINDS) as OverviewKpi[]).map((k) => {
    const kpi = r.kpis[k];
    return [labels[k], kpiWithDelta({ kind: KPI_KINDS[k], value: kpi.current } as KpiValue, kpi.change, locale)];
  });
}

/**
 * The App Home tab of one user, at most 100 blocks. What a member sees follows SPEC "Slack"
 * (team-wide reports are for supervisors):
 * - everyone: the refresh button (ACTION_IDS.homeRefresh), the unassigned queue's size and
 *   longest wait (a count, no contacts), and their own stats when they are a linked agent
 *   (the same figures as `/pulse me`: no other agent's name or numbers);
 * - supervisors also: today vs the same hours of yesterday (every overview KPI with its
 *   change), the chart when chartUrl is given, the queue's contacts with waiting times (masked
 *   as given, longest first, HOME_QUEUE_ROWS of them) and the "Digests and alerts" section;
 * - members get a line pointing to `/pulse me` instead.
 * "As of" is written in today's report zone.
 */
export function appHomeView(input: AppHomeInput, locale: Locale): HomeView {
  const m = messages(locale).home;
  const { today, live, isSupervisor } = input;
  const blocks: KnownBlock[] = [
    header(m.title),
    context(asOfText(input.now, input.tz, locale)),
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: m.refresh }, action_id: ACTION_IDS.homeRefresh, value: 'refresh' }] },
  ];
  if (isSupervisor && today) {
    const pairs = todayPairs(today, locale);
    blocks.push(divider(), section(`*${m.todayTitle}*`), ...fieldSections(pairs));
    if (input.chartUrl) blocks.push(chartImage(input.chartUrl, m.chartTitle, pairs.map(([k, v]) => `${k}: ${v}`).join('\n')));
  }
  const queue = byLongestWait(live.queue);
  const size = queue.length ? m.queueSize(formatCount(queue.length, locale), formatDuration(queue[0]!.waitingSeconds, locale)) : m.queueEmpty;
  blocks.push(divider(), section(`*${m.queueTitle}*\n${size}`));
  if (isSupervisor && queue.length) {
    const rows = firstOf(queue, HOME_QUEUE_ROWS, locale);
    blocks.push(...rows.shown.map((q) => section(queueLine(q, locale))), ...(rows.more ? [context(rows.more)] : []));
  }
  if (input.me) blocks.push(divider(), ...meBlocks(input.me.report, input.me.agentId, locale));
  blocks.push(divider(), isSupervisor ? section(`*${m.digestsTitle}*\n${m.digestsComing}`) : context(m.membersNote));
  return { type: 'home', blocks };
}

function meBlocks(r: AgentsReport, agentId: string, locale: Locale): KnownBlock[] {
  const m = messages(locale);
  const row = r.agents.find((a) => a.id === agentId);
  const title = section(`*${m.home.meTitle}*`);
  if (!row) return [title, context(m.team.me.notFound)];
  const notes = meNotes(row, r, locale);
  return [title, ...fieldSections(meFields(row, r, locale)), ...(notes.length ? [context(...notes)] : []), context(windowText(r.window, locale))];
}
