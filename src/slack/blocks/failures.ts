import { deliveryFailures, deliveryFailuresText } from '../../charts/index.js';
import { formatCount, formatPercent, messages } from '../../i18n/index.js';
import type { FailuresReport } from '../../metrics/failures.js';
import { answerHeader, filtersLine, fitLines, lines, listSection, markedFields } from './answer-frame.js';
import { answerActions, chartBlocks, context, escapeText } from './kit.js';
import { categoryName, rateText } from './messages.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/** Error codes listed before "…and N more" (Meta has dozens; the CSV has them all). */
const MAX_CODES = 15;
const MAX_NUMBERS = 10;

/**
 * `/pulse failures`: failed messages, the sent cohort and the failure rate; failures by error
 * code (code, Meta's title, count and share of all failures in the window), by business number
 * and by pricing category; the daily failures-by-class chart with its failure-rate line and its
 * numbers; webhook errors by code when Meta reported any. No previous period in this report.
 */
export function failuresAnswer(r: FailuresReport, ctx: BuildContext): SlackMessage {
  const { locale } = ctx;
  const m = messages(locale).answers;
  const fm = m.failures;
  const n = (x: number) => formatCount(x, locale);
  const window = windowText(r.window, locale);
  // byCode splits the same failures as `failed` (failed time in window), so a code's share is of `failed`
  const share = (count: number) => m.countShare(n(count), formatPercent(r.failed === 0 ? null : count / r.failed, locale));
  const byCode = r.byCode.map((c) =>
    fm.codeLine(c.code === null ? fm.noCode : String(c.code), escapeText(c.title ?? fm.noTitle), share(c.count)),
  );
  const byNumber = r.byChannel.map((c) =>
    fm.numberLine(escapeText(c.displayPhoneNumber ?? c.channel ?? m.messages.unknownNumber), n(c.failed), n(c.sent), formatPercent(c.failureRate.value, locale)),
  );
  const byCategory = r.byPricingCategory.map((c) => `${categoryName(c.category, locale)}: ${n(c.count)}`);
  const webhook = r.webhookErrors.byCode.map((c) =>
    fm.codeLine(c.code === null ? fm.noCode : String(c.code), escapeText(c.title ?? fm.noTitle), n(c.count)),
  );
  // locale: wired at merge
  const chartText = fitLines(deliveryFailuresText(deliveryFailures(r)), locale);
  return {
    blocks: [
      answerHeader(fm.title, r.filters, locale),
      context(...lines(window, filtersLine(r.filters, locale))),
      ...markedFields([
        { label: fm.failed, value: n(r.failed) },
        { label: fm.failureRate, value: rateText(r.failureRate, locale) },
        { label: fm.sent, value: n(r.sent) },
        { label: fm.webhookErrors, value: n(r.webhookErrors.total) },
      ]),
      listSection(fm.byCode, byCode, locale, MAX_CODES),
      ...chartBlocks(ctx, fm.chartTitle, chartText),
      listSection(fm.byNumber, byNumber, locale, MAX_NUMBERS),
      listSection(fm.byCategory, byCategory, locale, MAX_NUMBERS),
      ...(r.webhookErrors.total > 0 ? [listSection(fm.webhookErrorsLine, webhook, locale, MAX_CODES)] : []),
      ...answerActions(ctx),
    ],
    text: fm.fallback(n(r.failed), formatPercent(r.failureRate.value, locale), window),
  };
}
