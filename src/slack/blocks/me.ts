import type { KnownBlock } from '@slack/types';
import { formatCount, formatDuration, messages, type Locale } from '../../i18n/index.js';
import type { AgentRow, AgentsReport } from '../../metrics/agents.js';
import { filtersText, NAME_MAX } from './agents-words.js';
import { medianP90Text } from './agents.js';
import { answerActions, context, cut, escapeText, fieldSections, header, section } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/** "3 of 6", or why there is no rank. Out of: the agents with enough first responses to be ranked. */
function rankText(row: AgentRow, r: AgentsReport, locale: Locale): string {
  const m = messages(locale).team.me;
  return row.rank === null ? m.unranked(r.minValues) : m.rankOf(row.rank, r.reference.firstResponse.agents);
}

/**
 * One agent's own figures beside the team's: rank, median (p90) first response and resolution
 * each over the team median (the median of the agents' medians), closes, assignments and
 * messages sent. Nothing about any other agent but those two team medians and how many agents
 * are ranked, so anyone may see it (App Home uses it too).
 */
export function meFields(row: AgentRow, r: AgentsReport, locale: Locale): [string, string][] {
  const m = messages(locale).team.me;
  const team = (sec: number | null) => formatDuration(sec, locale);
  return [
    [m.rank, rankText(row, r, locale)],
    [m.closed, formatCount(row.closed, locale)],
    [m.firstResponse, m.vsTeam(medianP90Text(row.firstResponse, row.fewData.firstResponse, locale), team(r.reference.firstResponse.medianOfMedians))],
    [m.resolution, m.vsTeam(medianP90Text(row.resolution, row.fewData.resolution, locale), team(r.reference.resolution.medianOfMedians))],
    [m.assigned, formatCount(row.assigned, locale)],
    [m.sent, formatCount(row.messagesSent, locale)],
  ];
}

/** The ⚑ and ◌ notes that apply to this agent, one line each. */
export function meNotes(row: AgentRow, r: AgentsReport, locale: Locale): string[] {
  const m = messages(locale).team.me;
  return [
    ...(row.outlier.firstResponse ? [m.outlierFirstResponse] : []),
    ...(row.outlier.resolution ? [m.outlierResolution] : []),
    ...(row.fewData.firstResponse || row.fewData.resolution ? [m.fewData(r.minValues)] : []),
  ];
}

/**
 * `/pulse me`: the caller's own row of the agents report (`agentId` = their linked agent id),
 * for any member — so it names no other agent and shows no other agent's numbers, only the
 * team medians. Rank: by median first response among the agents with ≥ minValues first
 * responses (1 = fastest, out of reference.firstResponse.agents); equal medians take
 * consecutive ranks in name order (the report's ranking), so two agents never share a rank.
 * No chart: the agents chart names everyone. An agent with no row gets a plain "no activity".
 */
export function meAnswer(r: AgentsReport, agentId: string, ctx: BuildContext): SlackMessage {
  const L = ctx.locale;
  const m = messages(L).team.me;
  const row = r.agents.find((a) => a.id === agentId);
  const blocks: KnownBlock[] = [
    header(m.header(row ? cut(row.name, NAME_MAX) : null)),
    context(windowText(r.window, L), escapeText(filtersText({ ...r.filters, agent: undefined }, L))),
  ];
  if (!row) {
    blocks.push(section(m.notFound), ...answerActions(ctx));
    return { blocks, text: m.notFound };
  }
  const notes = meNotes(row, r, L);
  blocks.push(...fieldSections(meFields(row, r, L)), ...(notes.length ? [section(notes.join('\n'))] : []), context(m.rankNote(r.reference.firstResponse.agents)));
  blocks.push(...answerActions(ctx));
  return { blocks, text: m.text(cut(row.name, NAME_MAX), formatDuration(row.firstResponse.median, L), rankText(row, r, L)) };
}
