import type { KnownBlock, SectionBlock } from '@slack/types';
import { agentPerformance, agentPerformanceText } from '../../charts/index.js';
import { formatCount, formatDuration, messages, type Locale } from '../../i18n/index.js';
import type { AgentRow, AgentsReport } from '../../metrics/agents.js';
import type { DurationStats } from '../../metrics/stats.js';
import { agentsPage, pageButtonValue } from './agents-page.js';
import { filtersText, nameText } from './agents-words.js';
import { ACTION_IDS } from './action-ids.js';
import { answerActions, chartBlocks, context, cut, escapeText, fieldSections, header, section } from './kit.js';
import { LIMITS } from './limits.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

export type AgentsContext = BuildContext & {
  /** 1-based page of agents to show (AGENTS_PER_PAGE a page); default 1 */
  page?: number;
  /** the /pulse command text the "Next page" button re-runs (see pageButtonValue) */
  command?: string;
};

/** "4m 12s (p90 9m)", or just the median when there is no p90; ◌ after it when under minValues values. */
export function medianP90Text(d: DurationStats, fewData: boolean, locale: Locale): string {
  const t = messages(locale).team;
  const median = formatDuration(d.median, locale);
  const shown = d.p90 === null || d.median === null ? median : t.medianP90(median, formatDuration(d.p90, locale));
  return fewData && d.count > 0 ? `${shown} ${t.agents.fewData}` : shown;
}

/** One agent as a section: rank, name and flags in bold, then the times and closes. */
function agentRow(a: AgentRow, locale: Locale): SectionBlock {
  const m = messages(locale).team.agents;
  const flags = [...(a.outlier.firstResponse ? [m.outlierFirstResponse] : []), ...(a.outlier.resolution ? [m.outlierResolution] : [])];
  const title = `*${a.rank === null ? m.unranked : m.rank(a.rank)}  ${nameText(a.name)}*${flags.length ? `  ${flags.join('  ')}` : ''}`;
  const times = m.row(
    medianP90Text(a.firstResponse, a.fewData.firstResponse, locale),
    medianP90Text(a.resolution, a.fewData.resolution, locale),
    formatCount(a.closed, locale),
  );
  return section(`${title}\n${times}`);
}

/**
 * `/pulse agents`: the team's medians, then one row per agent in ranking order (rank = fastest
 * median first response among agents with ≥ minValues values; "–" for the others), each with
 * median (p90) first response and resolution, closes, ⚑ outlier flags and ◌ few-data marks,
 * explained by a legend that appears only when a mark is on the page; then the bar chart.
 *
 * Pagination: AGENTS_PER_PAGE (15) agents per message. With more, a context line says
 * "Agents 16–30 of 42" and, unless this is the last page, a "Next page" button
 * (ACTION_IDS.page) carries `pageButtonValue(page + 1, ctx.command)`: "<page> <command>".
 * The chart and its numbers cover the agents of this page: render it from agentsPage(r, page).report.
 */
export function agentsAnswer(r: AgentsReport, ctx: AgentsContext): SlackMessage {
  const L = ctx.locale;
  const m = messages(L).team.agents;
  const blocks: KnownBlock[] = [header(m.header(filtersText(r.filters, L))), context(windowText(r.window, L), escapeText(filtersText(r.filters, L)))];
  if (r.agents.length === 0) {
    blocks.push(section(m.none), ...answerActions(ctx));
    return { blocks, text: m.none };
  }
  const ref = r.reference;
  const teamFirstResponse = formatDuration(ref.firstResponse.medianOfMedians, L);
  blocks.push(
    ...fieldSections([
      [m.agentCount, formatCount(r.agents.length, L)],
      [m.closedTotal, formatCount(r.agents.reduce((sum, a) => sum + a.closed, 0), L)],
      [m.teamFirstResponse, teamFirstResponse],
      [m.teamResolution, formatDuration(ref.resolution.medianOfMedians, L)],
    ]),
    context(m.rankNote),
  );
  const p = agentsPage(r, ctx.page);
  blocks.push(...p.report.agents.map((a) => agentRow(a, L)));
  const legend = [
    ...(p.report.agents.some((a) => a.outlier.firstResponse || a.outlier.resolution)
      ? [m.legendOutlier(teamFirstResponse, formatDuration(ref.resolution.medianOfMedians, L))]
      : []),
    ...(p.report.agents.some((a) => a.fewData.firstResponse || a.fewData.resolution) ? [m.legendFewData(r.minValues)] : []),
  ];
  if (legend.length) blocks.push(context(...legend));
  if (p.pages > 1) {
    blocks.push(context(m.range(p.first, p.last, r.agents.length)));
    if (p.page < p.pages) {
      blocks.push({
        type: 'actions',
        elements: [{
          type: 'button',
          text: { type: 'plain_text', text: cut(m.nextPage, LIMITS.buttonText) },
          action_id: ACTION_IDS.page,
          value: cut(pageButtonValue(p.page + 1, ctx.command), LIMITS.buttonValue),
        }],
      });
    }
  }
  // locale: wired at merge
  blocks.push(...chartBlocks(ctx, m.chartTitle, agentPerformanceText(agentPerformance(p.report)).join('\n')), ...answerActions(ctx));
  return { blocks, text: m.text(r.agents.length, teamFirstResponse) };
}
