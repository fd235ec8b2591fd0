import { formatCount, formatDuration, messages, type Locale } from '../../i18n/index.js';
import type { ConversationsReport } from '../../metrics/conversations.js';
import type { DurationStats } from '../../metrics/stats.js';
import { answerHeader, filtersLine, inlineCounts, lines, listSection, markedFields, wordFor, type Field } from './answer-frame.js';
import { answerActions, context, escapeText, section } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/** Categories listed before "…and N more". */
const MAX_CATEGORIES = 15;

/**
 * `/pulse conversations`: cycles opened (and by whom), closed (by whom and by category, largest
 * first), still open at the end of the window, closed without any reply; first response and
 * resolution times (median and p90; resolution leaves auto-close out, as the report does), and
 * the business-hours median first response when business hours are set. No chart, no deltas.
 */
export function conversationsAnswer(r: ConversationsReport, ctx: BuildContext): SlackMessage {
  const { locale } = ctx;
  const m = messages(locale).answers;
  const cm = m.conversations;
  const n = (x: number) => formatCount(x, locale);
  const who = (key: string) => wordFor(cm.who, key) ?? escapeText(key);
  const window = windowText(r.window, locale);
  const fields: Field[] = [
    { label: cm.opened, value: n(r.opened.total) },
    { label: cm.closed, value: n(r.closed.total) },
    { label: cm.unresolved, value: n(r.unresolved) },
    { label: cm.closedWithoutResponse, value: n(r.closedWithoutResponse) },
    { label: cm.firstResponse, value: medianP90(r.firstResponse, locale) },
    { label: cm.resolution, value: medianP90(r.resolution, locale) },
  ];
  if (r.firstResponse.business) {
    fields.push({ label: cm.firstResponseBusiness, value: formatDuration(r.firstResponse.business.median, locale) });
  }
  // largest first, then by name: the report's object order is not a ranking
  const categories = Object.entries(r.closed.byCategory)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([c, count]) => `${c === 'uncategorised' ? cm.uncategorised : escapeText(c)}: ${n(count)}`);
  return {
    blocks: [
      answerHeader(cm.title, r.filters, locale),
      context(...lines(window, filtersLine(r.filters, locale))),
      ...markedFields(fields),
      section(`${cm.openedBy}\n${inlineCounts(Object.entries(r.opened.byOpenedBy).map(([k, c]) => [who(k), c]), locale, true)}`),
      section(`${cm.closedBy}\n${inlineCounts(Object.entries(r.closed.byClosedBy).map(([k, c]) => [who(k), c]), locale, true)}`),
      listSection(cm.byCategory, categories, locale, MAX_CATEGORIES),
      ...answerActions(ctx),
    ],
    text: cm.fallback(n(r.opened.total), n(r.closed.total), n(r.unresolved), window),
  };
}

/** "4m 12s · 20m": the median, then the p90. */
function medianP90(d: DurationStats, locale: Locale): string {
  return `${formatDuration(d.median, locale)} · ${formatDuration(d.p90, locale)}`;
}
