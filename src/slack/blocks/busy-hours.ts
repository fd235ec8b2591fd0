import type { KnownBlock } from '@slack/types';
import { busyHours, busyHoursText } from '../../charts/index.js';
import { formatCount, formatDuration, formatPercent, messages, type Locale } from '../../i18n/index.js';
import type { BusyHoursReport } from '../../metrics/busy-hours.js';
import { cellText, filtersText, hourSpanText } from './agents-words.js';
import { answerActions, chartBlocks, context, escapeText, fieldSections, header, section } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { windowText } from './window-line.js';

/** Cells shown in the staffing hint: the ones needing the most agents. */
export const HINT_CELLS = 5;

/** An average with one decimal, Western digits in both locales ("2.5"); null → n/a. */
function oneDecimal(n: number | null, locale: Locale): string {
  return n === null || !Number.isFinite(n) ? messages(locale).common.notAvailable : n.toFixed(1);
}

/**
 * The weekday × hour cells with the largest hint (agents needed), most first; ties by more
 * arrivals per hour, then Monday first and the earlier hour. Cells needing nobody are left out.
 */
export function hintCells(r: BusyHoursReport, max = HINT_CELLS) {
  const s = r.staffing;
  return s.agentsNeeded
    .flatMap((row, d) => row.map((needed, hour) => ({ d, hour, needed, perHour: s.arrivalsPerHour[d]?.[hour] ?? null, replied: s.agentsReplied[d]?.[hour] ?? null })))
    .filter((c): c is typeof c & { needed: number } => c.needed !== null && c.needed > 0)
    .sort((a, b) => b.needed - a.needed || (b.perHour ?? 0) - (a.perHour ?? 0) || a.d - b.d || a.hour - b.hour)
    .slice(0, max);
}

/** The staffing hint in lines: its busiest cells, what it rests on and how to read it; or why there is none. */
function hintLines(r: BusyHoursReport, locale: Locale): string[] {
  const m = messages(locale).team.busy;
  const s = r.staffing;
  if (s.noHintReason !== null || s.handleTimeSec === null) return [m.noHint[s.noHintReason ?? 'no-agent-replies']];
  const cells = hintCells(r);
  const basis = m.hintBasis(
    formatPercent(s.serviceLevel, locale, 0), formatDuration(s.frtTargetSec, locale), formatDuration(s.handleTimeSec, locale),
    formatCount(s.activeAgentHours, locale), formatCount(s.agentCloses, locale),
  );
  if (cells.length === 0) return [m.noArrivals, basis];
  return [
    ...cells.map((c) => `• ${m.hintLine(cellText(c.d, c.hour, locale), formatCount(c.needed, locale), oneDecimal(c.replied, locale))}`),
    basis,
    m.upperBound,
  ];
}

/**
 * `/pulse busy`: messages received and conversations opened, the peak hours of day (count over
 * the window and average per local day), the staffing hint — the HINT_CELLS cells needing the
 * most agents beside how many replied there on average, with its basis and the docs' warning
 * that it is an upper bound (an hour with one reply counts as a whole hour), or noHintReason in
 * words when there is no handle time — then the heatmap and its numbers.
 */
export function busyHoursAnswer(r: BusyHoursReport, ctx: BuildContext): SlackMessage {
  const L = ctx.locale;
  const m = messages(L).team.busy;
  const peaks = r.messages.peakHours;
  const blocks: KnownBlock[] = [
    header(m.header(filtersText(r.filters, L))),
    context(windowText(r.window, L), escapeText(filtersText(r.filters, L))),
    ...fieldSections([
      [m.received, formatCount(r.messages.total, L)],
      [m.opened, formatCount(r.opened.total, L)],
    ]),
    section(
      peaks.length === 0
        ? `*${m.peakTitle}*\n${m.noPeaks}`
        : `*${m.peakTitle}*\n${peaks.map((p) => `• ${m.peakLine(hourSpanText(p.hour, L), formatCount(p.count, L), oneDecimal(p.avgPerDay, L))}`).join('\n')}`,
    ),
    section(`*${m.hintTitle}*\n${hintLines(r, L).join('\n')}`),
    // locale: wired at merge
    ...chartBlocks(ctx, m.chartTitle, busyHoursText(busyHours(r)).join('\n')),
    ...answerActions(ctx),
  ];
  const busiest = peaks[0] ? hourSpanText(peaks[0].hour, L) : messages(L).common.notAvailable;
  return { blocks, text: m.text(formatCount(r.messages.total, L), busiest) };
}
