import type { Locale } from './index.js';
import { messages } from './index.js';

// Arabic with Latin digits: Gulf business users read 0–9, and numbers must match the CSV.
const INTL_TAG: Record<Locale, string> = { en: 'en-GB', ar: 'ar-u-nu-latn' };

/** 12,345 in either locale (Arabic keeps Western digits and its own separators). */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 0 }).format(n);
}

/** A share 0..1 as "98.4 %" / "98.4٪"; null (nothing to divide) → n/a. */
export function formatPercent(share: number | null, locale: Locale, digits = 1): string {
  const m = messages(locale).common;
  if (share === null || !Number.isFinite(share)) return m.notAvailable;
  return m.percent((share * 100).toFixed(digits));
}

/** Seconds as the two largest units: 45s, 4m 12s, 2h 5m, 3d 4h; null → n/a. */
export function formatDuration(sec: number | null, locale: Locale): string {
  const m = messages(locale).common;
  if (sec === null || !Number.isFinite(sec)) return m.notAvailable;
  const u = m.durationUnits;
  const s = Math.round(sec);
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), u.d],
    [Math.floor((s % 86_400) / 3_600), u.h],
    [Math.floor((s % 3_600) / 60), u.m],
    [s % 60, u.s],
  ];
  const first = parts.findIndex(([v]) => v > 0);
  if (first === -1) return `0${u.s}`;
  return parts
    .slice(first, first + 2)
    .filter(([v], i) => i === 0 || v > 0)
    .map(([v, unit]) => `${v}${unit}`)
    .join(' ');
}

// en-GB spells September "Sept" in recent ICU; English months are named here, as the CLI names them.
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 24 Nov 2026" / "الثلاثاء 24 نوفمبر 2026" for an instant, in `tz`. */
export function formatDate(at: Date, tz: string, locale: Locale, withYear = true): string {
  const parts = new Intl.DateTimeFormat(INTL_TAG[locale], {
    weekday: 'short',
    day: 'numeric',
    month: locale === 'en' ? 'numeric' : 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: tz,
  }).formatToParts(at);
  // numeric months come with a zero-padded day (05/09): both are put back into words
  const word = (p: Intl.DateTimeFormatPart) =>
    locale !== 'en' ? p.value : p.type === 'month' ? EN_MONTHS[Number(p.value) - 1]! : p.type === 'day' ? String(Number(p.value)) : p.value;
  const words = parts.filter((p) => p.type !== 'literal').map(word);
  return words.join(' ');
}

/** "14:05" in `tz`, 24-hour clock in both locales. */
export function formatTime(at: Date, tz: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz }).format(at);
}

export function formatDateTime(at: Date, tz: string, locale: Locale): string {
  return `${formatDate(at, tz, locale)} ${formatTime(at, tz, locale)}`;
}
