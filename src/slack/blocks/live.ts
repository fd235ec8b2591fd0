import type { KnownBlock } from '@slack/types';
import { formatCount, formatDuration, messages, type Locale } from '../../i18n/index.js';
import type { AssigneeLoad, ContactRef, LiveReport, QueueEntry } from '../../metrics/live.js';
import { filtersText, firstOf, linesSections, nameText } from './agents-words.js';
import { answerActions, context, cut, escapeText, fieldSections, header } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { asOfText } from './window-line.js';

/** Rows of each list in one message: both lists at 15 keep the answer short and inside 50 blocks. */
export const LIVE_ROWS = 15;
/** Characters of a last-message preview shown in the queue. */
const PREVIEW_MAX = 60;

export type LiveContext = BuildContext & {
  /** IANA zone the "as of" line is written in (the live report has no window, so no zone of its own) */
  tz: string;
};

/** "Ahmed (+97150•••4567)": the contact's name and number as given (already masked), or what there is. */
export function contactText(c: ContactRef, locale: Locale): string {
  const name = c.name ? nameText(c.name) : null;
  const id = c.waId ?? c.userId;
  const idText = id === null ? null : escapeText(cut(id, 40));
  if (name && idText) return `${name} (${idText})`;
  return name ?? idText ?? messages(locale).team.live.unknownContact;
}

/** The queue longest wait first, whatever order it came in. */
export function byLongestWait(queue: readonly QueueEntry[]): QueueEntry[] {
  return [...queue].sort((a, b) => b.waitingSeconds - a.waitingSeconds);
}

/** One queue entry: who, how long, and the start of their last message. */
export function queueLine(q: QueueEntry, locale: Locale): string {
  const line = messages(locale).team.live.queueLine(contactText(q, locale), formatDuration(q.waitingSeconds, locale));
  return q.lastMessagePreview ? `• ${line} · _“${escapeText(cut(q.lastMessagePreview.replace(/\s+/g, ' '), PREVIEW_MAX))}”_` : `• ${line}`;
}

function agentLine(a: AssigneeLoad, locale: Locale): string {
  const held = a.conversations.map((c) => c.secondsSinceAssignment).filter((s): s is number => s !== null);
  const longest = held.length ? Math.max(...held) : null;
  return `• ${messages(locale).team.live.agentLine(nameText(a.name ?? a.agentId), formatCount(a.count, locale), longest === null ? null : formatDuration(longest, locale))}`;
}

/**
 * `/pulse live`: open conversations with an agent and without, how many wait for a reply and
 * the longest wait; then open conversations per agent (busiest first, with the longest held)
 * and the unassigned queue with waiting times (longest first), each at most LIVE_ROWS rows then
 * "…and N more"; an "as of" line at ctx.now in ctx.tz. Contacts arrive masked; printed as given.
 */
export function liveAnswer(r: LiveReport, ctx: LiveContext): SlackMessage {
  const L = ctx.locale;
  const m = messages(L).team.live;
  const queue = byLongestWait(r.queue);
  const longest = formatDuration(queue[0]?.waitingSeconds ?? null, L);
  const agents = firstOf(r.assignees, LIVE_ROWS, L);
  const waiting = firstOf(queue, LIVE_ROWS, L);
  const blocks: KnownBlock[] = [
    header(m.header(filtersText(r.filters, L))),
    context(asOfText(ctx.now, ctx.tz, L), escapeText(filtersText(r.filters, L))),
    ...fieldSections([
      [m.waiting, formatCount(queue.length, L)],
      [m.longestWait, longest],
      [m.unassignedOpen, formatCount(r.unassignedOpen, L)],
      [m.assignedOpen, formatCount(r.assignedOpen, L)],
    ]),
    ...linesSections(m.queueTitle, queue.length ? [...waiting.shown.map((q) => queueLine(q, L)), ...(waiting.more ? [waiting.more] : [])] : [m.queueEmpty]),
    ...linesSections(m.byAgentTitle, r.assignees.length ? [...agents.shown.map((a) => agentLine(a, L)), ...(agents.more ? [agents.more] : [])] : [m.noAssigned]),
    ...answerActions(ctx),
  ];
  return { blocks, text: m.text(formatCount(queue.length, L), longest, formatCount(r.assignedOpen, L)) };
}
