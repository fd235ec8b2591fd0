import { localDayCount } from '../../charts/format.js';
import { formatDate, formatDateTime, messages, type Locale } from '../../i18n/index.js';

type WindowLike = { from: string | Date; to: string | Date; tz: string };

/**
 * The window in local time and its zone, as the context line of every answer: whole local days
 * name the first and last day, both included ("Tue 24 Nov 2026 – Mon 30 Nov 2026 (7 days,
 * Asia/Dubai)"); other spans give both instants, the end excluded (windows are half-open).
 */
export function windowText(w: WindowLike, locale: Locale): string {
  const m = messages(locale).common;
  const from = new Date(w.from);
  const to = new Date(w.to);
  const midnight = (d: Date) => formatDateTime(d, w.tz, 'en').endsWith(' 00:00');
  if (!midnight(from) || !midnight(to)) {
    return m.windowSpan(formatDateTime(from, w.tz, locale), formatDateTime(to, w.tz, locale), w.tz);
  }
  const days = localDayCount({ from, to, timeZone: w.tz });
  const lastDay = new Date(to.getTime() - 1);
  return m.windowDays(formatDate(from, w.tz, locale), formatDate(lastDay, w.tz, locale), days, w.tz);
}

/** "as of Tue 1 Dec 2026 14:05 (Asia/Dubai)": the instant a live answer describes. */
export function asOfText(at: Date, tz: string, locale: Locale): string {
  return messages(locale).common.asOf(formatDateTime(at, tz, locale), tz);
}
