import { formatCount, messages, type Locale } from '../../i18n/index.js';
import type { ContactsReport } from '../../metrics/contacts.js';
import type { ReportFilters } from '../../metrics/window.js';
import { answerHeader, filterWords, filtersLine, inlineCounts, lines, listSection, markedFields, wordFor } from './answer-frame.js';
import { answerActions, context, escapeText, section } from './kit.js';
import { rateText } from './messages.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/**
 * `/pulse contacts`: new and deleted contacts (with their sources), the contacts who wrote in
 * the window split into first-time and returning, and the 24-hour reply rate by source. An agent
 * or team filter does not reach contacts (a contact has no agent): the header leaves it out and
 * the context line says it was ignored. No chart, no previous period.
 */
export function contactsAnswer(r: ContactsReport, ctx: BuildContext): SlackMessage {
  const { locale } = ctx;
  const m = messages(locale).answers;
  const cm = m.contacts;
  const n = (x: number) => formatCount(x, locale);
  const applied: ReportFilters = r.filters.channel === undefined ? {} : { channel: r.filters.channel };
  const ignored = filterWords(r.filters, locale, r.ignoredFilters);
  const window = windowText(r.window, locale);
  const sourceCounts = (by: Record<string, number>) =>
    inlineCounts(Object.entries(by).map(([s, count]) => [sourceName(s, locale), count]), locale);
  // a rate over nobody (no one was sent a message) says nothing: only sources someone was sent to
  const replies = Object.entries(r.replyRate.bySource)
    .filter(([, rate]) => rate.denominator > 0)
    .map(([s, rate]) => `${sourceName(s, locale)}: ${rateText(rate, locale)}`);
  return {
    blocks: [
      answerHeader(cm.title, applied, locale),
      context(...lines(window, filtersLine(applied, locale), ignored && cm.ignored(escapeText(ignored)))),
      ...markedFields([
        { label: cm.new, value: n(r.new.total) },
        { label: cm.deleted, value: n(r.deleted.total) },
        { label: cm.active, value: n(r.newVsReturning.active) },
        { label: cm.firstTime, value: n(r.newVsReturning.new) },
        { label: cm.returning, value: n(r.newVsReturning.returning) },
        { label: cm.replyRate, value: rateText(r.replyRate.total, locale) },
      ]),
      section(`${cm.newBySource}\n${sourceCounts(r.new.bySource)}`),
      section(`${cm.deletedBySource}\n${sourceCounts(r.deleted.bySource)}`),
      listSection(cm.replyBySource, replies, locale),
      ...answerActions(ctx),
    ],
    text: cm.fallback(n(r.new.total), n(r.newVsReturning.returning), window),
  };
}

/** A contact source in words; one an inbox invented is shown as it sent it. */
function sourceName(source: string, locale: Locale): string {
  return wordFor(messages(locale).answers.contacts.sources, source) ?? escapeText(source);
}
