import type { SectionBlock } from '@slack/types';
import { messages, type Locale } from '../../i18n/index.js';
import type { ReportFilters } from '../../metrics/window.js';
import { cut, escapeText, section } from './kit.js';
import { LIMITS } from './limits.js';

/**
 * Small wording pieces the team answers (agents, me, busy hours, live) and App Home share.
 * Names are cut before escaping so a 300-character agent or contact name costs at most
 * NAME_MAX characters of a row and the row never grows past Slack's limits.
 */
export const NAME_MAX = 60;

/** A name from the data, cut and escaped for mrkdwn. */
export function nameText(name: string): string {
  return escapeText(cut(name, NAME_MAX));
}

/** The filters that apply, in words ("team sales · number 1234"), or "all numbers and agents". */
export function filtersText(filters: ReportFilters, locale: Locale): string {
  const f = messages(locale).team.filters;
  const parts = [
    filters.team === undefined ? null : f.team(cut(filters.team, NAME_MAX)),
    filters.agent === undefined ? null : f.agent(cut(filters.agent, NAME_MAX)),
    filters.channel === undefined ? null : f.channel(cut(filters.channel, NAME_MAX)),
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : f.none;
}

/** "Mon 10:00–11:00": a local weekday × hour cell; weekday 0 = Monday, hour 0..23. */
export function cellText(weekday: number, hour: number, locale: Locale): string {
  return `${messages(locale).team.weekdays[weekday] ?? ''} ${hourSpanText(hour, locale)}`;
}

/** "10:00–11:00" for local hour 10 (23 → "23:00–00:00"). */
export function hourSpanText(hour: number, locale: Locale): string {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return messages(locale).team.hourSpan(hh(hour), hh((hour + 1) % 24));
}

/** The first `max` items and, when some were left out, the "…and N more" line to print after them. */
export function firstOf<T>(items: readonly T[], max: number, locale: Locale): { shown: T[]; more: string | null } {
  const rest = items.length - max;
  return { shown: items.slice(0, max), more: rest > 0 ? messages(locale).team.more(rest) : null };
}

/**
 * Lines under a bold title, packed into as few sections as Slack's 3,000 characters allow, so a
 * list of long names is split across sections instead of cut mid-list.
 */
export function linesSections(title: string, lines: readonly string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let text = `*${title}*`;
  for (const line of lines) {
    if (text.length + 1 + line.length > LIMITS.sectionText) {
      out.push(section(text));
      text = '';
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) out.push(section(text));
  return out;
}
