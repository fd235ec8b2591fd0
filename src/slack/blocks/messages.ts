import { messagesFunnel, messagesFunnelText } from '../../charts/index.js';
import { formatCount, formatPercent, messages, type Locale } from '../../i18n/index.js';
import type { MessagesReport } from '../../metrics/messages.js';
import type { Rate } from '../../metrics/stats.js';
import { answerHeader, filtersLine, fitLines, lines, listSection, markedFields, wordFor } from './answer-frame.js';
import { answerActions, chartBlocks, context, escapeText, section } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/** Business numbers listed before "…and N more": the CSV has the rest. */
const MAX_NUMBERS = 10;
const MAX_CATEGORIES = 10;

/**
 * `/pulse messages`: sent, delivered, read, received, failed and reactions; the delivery, read and
 * failure rates (over the sent cohort, with what they were computed from) and engagement; the
 * 24-hour customer-service window; the funnel chart with its numbers; then per business number
 * and per pricing category (billable messages). The messages report has no previous period,
 * so no deltas. Numbers arrive masked and are printed as given.
 */
export function messagesAnswer(r: MessagesReport, ctx: BuildContext): SlackMessage {
  const { locale } = ctx;
  const m = messages(locale).answers;
  const mm = m.messages;
  const n = (x: number) => formatCount(x, locale);
  const window = windowText(r.window, locale);
  const fields = markedFields([
    { label: mm.sent, value: n(r.sent) },
    { label: mm.delivered, value: n(r.delivered) },
    { label: mm.read, value: n(r.read) },
    { label: mm.received, value: n(r.received) },
    { label: mm.failed, value: n(r.failed) },
    { label: mm.reactions, value: n(r.reactions) },
    { label: mm.deliveryRate, value: rateText(r.deliveryRate, locale) },
    { label: mm.readRate, value: rateText(r.readRate, locale) },
    { label: mm.failureRate, value: rateText(r.failureRate, locale) },
    { label: mm.engagement, value: rateText(r.engagement, locale) },
  ]);
  // inside + outside = sent (the report's outsideWindow is sent − inside), so both shares are of sent
  const share = (x: number) => m.countShare(n(x), formatPercent(r.sent === 0 ? null : x / r.sent, locale));
  const serviceWindow = section(`${mm.serviceWindow(n(r.sent))}\n${mm.inside(share(r.insideWindow))} · ${mm.outside(share(r.outsideWindow))}`);
  const byNumber = r.byChannel.map((c) =>
    mm.numberLine(
      escapeText(c.displayPhoneNumber ?? c.channel ?? mm.unknownNumber),
      n(c.sent), formatPercent(c.deliveryRate.value, locale), formatPercent(c.readRate.value, locale), n(c.failed), n(c.received),
    ),
  );
  const byCategory = r.billable.byCategory.map((c) => `${categoryName(c.category, locale)}: ${n(c.count)}`);
  // locale: wired at merge
  const chartText = fitLines(messagesFunnelText(messagesFunnel(r)), locale);
  return {
    blocks: [
      answerHeader(mm.title, r.filters, locale),
      context(...lines(window, filtersLine(r.filters, locale))),
      ...fields,
      serviceWindow,
      ...chartBlocks(ctx, mm.chartTitle, chartText),
      listSection(mm.byNumber, byNumber, locale, MAX_NUMBERS),
      listSection(mm.byCategory(n(r.billable.total)), byCategory, locale, MAX_CATEGORIES),
      ...answerActions(ctx),
    ],
    text: mm.fallback(n(r.sent), formatPercent(r.deliveryRate.value, locale), n(r.received), window),
  };
}

/** "98.0 % (490 of 500)": a rate with what it was computed from; n/a over nothing. */
export function rateText(rate: Rate, locale: Locale): string {
  const m = messages(locale).answers;
  if (rate.value === null) return formatPercent(null, locale);
  return `${formatPercent(rate.value, locale)} (${m.ofTotal(formatCount(rate.numerator, locale), formatCount(rate.denominator, locale))})`;
}

/** Meta's pricing category in the locale's words; one we don't know is shown as Meta sent it. */
export function categoryName(category: string | null, locale: Locale): string {
  const mm = messages(locale).answers.messages;
  if (category === null || category === '') return mm.noCategory;
  return wordFor(mm.categories, category) ?? escapeText(category);
}
