import type { HeaderBlock, SectionBlock } from '@slack/types';
import { formatCount, messages, type Locale } from '../../i18n/index.js';
import type { ReportFilters } from '../../metrics/window.js';
import { cut, escapeText, header, section } from './kit.js';
import { LIMITS } from './limits.js';

/**
 * The frame the inbox-wide answers share: the header with the filters in words, fields that may
 * carry a mark, and lists cut to Slack's limits with "…and N more".
 */

/** "agent ag_7 · team Sales" in the locale's words; '' without filters. Names are printed as given. */
export function filterWords(f: ReportFilters, locale: Locale, only?: readonly (keyof ReportFilters)[]): string {
  const m = messages(locale).answers.filters;
  const words: string[] = [];
  const wanted = (k: keyof ReportFilters) => f[k] !== undefined && (only === undefined || only.includes(k));
  if (wanted('agent')) words.push(m.agent(f.agent!));
  if (wanted('team')) words.push(m.team(f.team!));
  if (wanted('channel')) words.push(m.channel(f.channel!));
  return words.join(m.joiner);
}

/** "Messages — agent ag_7 · number 1098…" (plain text, so nothing needs escaping). */
export function answerHeader(title: string, f: ReportFilters, locale: Locale): HeaderBlock {
  const words = filterWords(f, locale);
  return header(words ? `${title} — ${words}` : title);
}

/** The context line's filter part, escaped for mrkdwn; undefined when no filter applies. */
export function filtersLine(f: ReportFilters, locale: Locale): string | undefined {
  const words = filterWords(f, locale);
  return words ? messages(locale).answers.filters.applied(escapeText(words)) : undefined;
}

export type Field = { label: string; value: string; mark?: string };

/**
 * Label/value pairs as section fields, 10 a section. A mark (the overview's `*`) goes after the
 * bold label, outside it: inside, a second asterisk would end Slack's bold early.
 */
export function markedFields(fields: Field[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields) {
    out.push({
      type: 'section',
      fields: fields.slice(i, i + LIMITS.fields).map((f) => ({
        type: 'mrkdwn' as const,
        text: cut(`*${f.label}*${f.mark ? ` ${f.mark}` : ''}\n${f.value}`, LIMITS.fieldText),
      })),
    });
  }
  return out;
}

/** Each line of a list at most this long: a 300-character name must not crowd the others out. */
const LINE_MAX = 200;

/**
 * A titled list in one section: at most `maxRows` lines, fewer when the text would pass Slack's
 * 3,000 characters, and "…and N more" for the rest (the CSV button has them all). An empty
 * list says so rather than vanishing.
 */
export function listSection(title: string, lines: string[], locale: Locale, maxRows = 15): SectionBlock {
  const m = messages(locale).answers;
  if (lines.length === 0) return section(`${title}\n${m.none}`);
  const shown = lines.slice(0, maxRows).map((l) => cut(l, LINE_MAX));
  // room for the title and the "…and N more" line, whatever N turns out to be
  const budget = LIMITS.sectionText - title.length - m.andMore(formatCount(lines.length, locale)).length - 4;
  while (shown.length > 1 && shown.join('\n').length > budget) shown.pop();
  const rest = lines.length - shown.length;
  const more = rest > 0 ? `\n${m.andMore(formatCount(rest, locale))}` : '';
  return section(`${title}\n${shown.join('\n')}${more}`);
}

/** "a 12 · b 3" — label/count pairs on one line, zeros kept only when `keepZeros`. */
export function inlineCounts(pairs: [label: string, count: number][], locale: Locale, keepZeros = false): string {
  const kept = pairs.filter(([, n]) => keepZeros || n > 0);
  return kept.length ? kept.map(([label, n]) => `${label} ${formatCount(n, locale)}`).join(' · ') : messages(locale).answers.none;
}

/** The lines that exist, for context blocks whose parts are optional. */
export function lines(...parts: (string | undefined | false)[]): string[] {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '');
}

/** The catalog's word for a key that came from data; own keys only ("constructor" is not a word). */
export function wordFor(words: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(words, key) ? words[key] : undefined;
}

/**
 * A chart's numbers as text that fits one section: whole lines from the top (title, notes, then
 * the first days) and "…and N more" for the lines left out, rather than a line cut mid-number.
 */
export function fitLines(all: string[], locale: Locale): string {
  const m = messages(locale).answers;
  const budget = LIMITS.sectionText - m.andMore(formatCount(all.length, locale)).length - 1;
  let shown = all.length;
  while (shown > 1 && all.slice(0, shown).join('\n').length > budget) shown--;
  const rest = all.length - shown;
  return all.slice(0, shown).join('\n') + (rest > 0 ? `\n${m.andMore(formatCount(rest, locale))}` : '');
}
