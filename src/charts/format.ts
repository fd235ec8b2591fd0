import { formatCount as formatLocalCount, formatDuration, messages, type Locale } from '../i18n/index.js';
import type { ChartPeriod, Rate } from './types.js';

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
// Arabic with Western digits, as the catalog's formatters write them.
const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', ar: 'ar-u-nu-latn' };

/** `12345` → `12,345` (Western digits in Arabic too). */
export function formatCount(n: number, locale: Locale = 'en'): string {
  return locale === 'en' ? countFormat.format(n) : formatLocalCount(n, locale);
}

/** `1234` → `1.2k`, for cells too small for the full number. */
export function formatCompact(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}

/** Fraction as a percentage with one decimal, `n/a` where the denominator is 0. */
export function formatRate(rate: Rate, locale: Locale = 'en'): string {
  const f = rateFraction(rate);
  const m = messages(locale).charts;
  return f === null ? m.notAvailable : m.percent((f * 100).toFixed(1));
}

/** numerator / denominator, or null where the denominator is 0. */
export function rateFraction(rate: Rate): number | null {
  return rate.denominator > 0 ? rate.numerator / rate.denominator : null;
}

/** Seconds, humanised the way Slack prints durations: `45s`, `4m 12s`, `2h 5m`, `3d 4h`. */
export function humaniseDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return joinUnits(Math.floor(s / 60), 'm', s % 60, 's');
  if (s < 86_400) return joinUnits(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm');
  return joinUnits(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

/** {@link humaniseDuration} in `locale`'s units (`4m 12s`, `4د 12ث`). */
export function localDuration(seconds: number, locale: Locale = 'en'): string {
  return locale === 'en' ? humaniseDuration(seconds) : formatDuration(seconds, locale);
}

function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${small}${smallUnit}`;
}

/**
 * Subtitle for a half-open window in its zone. Whole days print their inclusive last day
 * (`7 Jul – 13 Jul 2025 · Asia/Riyadh`); other windows print both instants.
 */
export function formatPeriod(period: ChartPeriod, locale: Locale = 'en'): string {
  const { from, to, timeZone } = period;
  const m = messages(locale).charts;
  const day = dateFormat(timeZone, { day: 'numeric', month: 'short' }, locale);
  const dayYear = dateFormat(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }, locale);
  let text: string;
  if (isLocalMidnight(from, timeZone) && isLocalMidnight(to, timeZone)) {
    // `to` is exclusive: the last day shown is the one holding the instant just before it.
    const last = new Date(to.getTime() - 1);
    const sameYear = yearIn(from, timeZone) === yearIn(last, timeZone);
    const first = sameYear ? day.format(from) : dayYear.format(from);
    const oneDay = dayYear.format(from) === dayYear.format(last);
    text = oneDay ? dayYear.format(from) : m.dateRange(first, dayYear.format(last));
  } else {
    const instant = dateFormat(timeZone, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }, locale);
    text = m.dateRange(instant.format(from), instant.format(to)).replace(/،/g, '');
  }
  return m.period(text, timeZone);
}

/**
 * Local calendar days the window `[from, to)` touches in its zone: 7 for a whole week, also
 * across a DST change (days, not 24-hour blocks).
 */
export function localDayCount(period: ChartPeriod): number {
  const { from, to, timeZone } = period;
  if (to.getTime() <= from.getTime()) return 0;
  const ymd = dateFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayNumber = (at: Date) => {
    const parts = Object.fromEntries(ymd.formatToParts(at).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
  };
  return dayNumber(new Date(to.getTime() - 1)) - dayNumber(from) + 1;
}

/** `28` → `4 weeks`, `7` → `1 week`, `10` → `10 days`, `1` → `1 day`. */
export function formatDaySpan(days: number, locale: Locale = 'en'): string {
  return messages(locale).charts.daySpan(days);
}

/** `2025-07-07` → `['Mon', '7 Jul']`, a two-line axis label; the date is a calendar day. */
export function formatDayLabel(date: string, locale: Locale = 'en'): string[] {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return [date];
  const weekday = dateFormat('UTC', { weekday: 'short' }, locale).format(d);
  return [weekday, dateFormat('UTC', { day: 'numeric', month: 'short' }, locale).format(d)];
}

/** `7` → `07:00`. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions, locale: Locale = 'en'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone, ...options });
}

function isLocalMidnight(at: Date, timeZone: string): boolean {
  const clock = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
  const parts = dateFormat(timeZone, clock).formatToParts(at);
  return parts.filter((p) => p.type !== 'literal').every((p) => Number(p.value) === 0);
}

function yearIn(at: Date, timeZone: string): string {
  return dateFormat(timeZone, { year: 'numeric' }).format(at);
}
