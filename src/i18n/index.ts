/**
 * The message catalog: `messages(locale)` gives every user-facing string in that language, and
 * the formatters write numbers, durations and dates the locale's way (Western digits in both).
 * A leaf module: anything may import it, it imports nothing of the app.
 */
import { ar } from './ar.js';
import type { Catalog } from './catalog.js';
import { en } from './en.js';

export type { Catalog } from './catalog.js';
export { formatCount, formatDate, formatDateTime, formatDuration, formatPercent, formatTime } from './format.js';

export const LOCALES = ['en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export function messages(locale: Locale): Catalog {
  return locale === 'ar' ? ar : en;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ar';
}

/** Slack's `ar-SA`, `en-US`… → ours; anything we don't ship falls back. */
export function localeFromSlack(slackLocale: string | undefined, fallback: Locale): Locale {
  const lang = slackLocale?.split(/[-_]/)[0]?.toLowerCase();
  return isLocale(lang) ? lang : fallback;
}

/** Text direction, for the few places (CSV, charts) that must say it. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar';
}
