import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { ReportWindow } from './window.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeek);

export type PeriodResult = { ok: true; window: ReportWindow } | { ok: false; error: string };

export const PERIOD_HELP =
  'today, yesterday, 7d / 30d (today and the N-1 days before), this-week, last-week, this-month, last-month, ' +
  '2026-11-01 (one day), 2026-11-01..2026-11-15 (both days included)';

/**
 * Turns a period word into a half-open window of whole days in `tz` (DST included: a day is
 * midnight to midnight local time, 23 or 25 hours long when the clocks change).
 */
export function parsePeriod(text: string, tz: string, now: Date): PeriodResult {
  if (!isValidZone(tz)) return { ok: false, error: `unknown time zone "${tz}" (use an IANA name like Asia/Dubai)` };
  const today = localDay(dayjs(now).tz(tz).format('YYYY-MM-DD'), tz)!;
  // dayjs' tz objects shift wrongly across DST when adding days: do calendar arithmetic on
  // the plain date, then take that date's local midnight again.
  const shift = (d: dayjs.Dayjs, n: number, unit: 'day' | 'week' | 'month') =>
    localDay(dayjs.utc(d.format('YYYY-MM-DD')).add(n, unit).format('YYYY-MM-DD'), tz)!;
  const monday = shift(today, 1 - today.isoWeekday(), 'day');
  const firstOfMonth = localDay(today.format('YYYY-MM-01'), tz)!;
  const win = (from: dayjs.Dayjs, to: dayjs.Dayjs): PeriodResult =>
    to.isAfter(from) ? { ok: true, window: { from: from.toDate(), to: to.toDate(), tz } } : { ok: false, error: `period "${text}" ends before it starts` };
  const t = text.trim().toLowerCase();
  switch (t) {
    case 'today':
      return win(today, shift(today, 1, 'day'));
    case 'yesterday':
      return win(shift(today, -1, 'day'), today);
    case 'this-week':
      return win(monday, shift(monday, 1, 'week'));
    case 'last-week':
      return win(shift(monday, -1, 'week'), monday);
    case 'this-month':
      return win(firstOfMonth, shift(firstOfMonth, 1, 'month'));
    case 'last-month':
      return win(shift(firstOfMonth, -1, 'month'), firstOfMonth);
  }
  const days = /^(\d{1,3})d$/.exec(t);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 366) return { ok: false, error: 'Nd takes 1 to 366 days' };
    return win(shift(today, 1 - n, 'day'), shift(today, 1, 'day'));
  }
  const range = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(t);
  if (range) {
    const from = localDay(range[1]!, tz);
    const last = localDay(range[2] ?? range[1]!, tz);
    if (!from || !last) return { ok: false, error: `"${text}" is not a valid date or date range` };
    return win(from, shift(last, 1, 'day'));
  }
  return { ok: false, error: `unknown period "${text}": use ${PERIOD_HELP}` };
}

/**
 * A window from `--from`/`--to`. A date means that whole local day in tz, so a date `--to` is
 * included, the same days as `--period from..to`; an ISO time with a zone is an exact
 * instant and ends the window there (half-open, that instant excluded).
 */
export function explicitWindow(from: string, to: string, tz: string): PeriodResult {
  if (!isValidZone(tz)) return { ok: false, error: `unknown time zone "${tz}"` };
  const instant = (s: string) => (dayjs(s).isValid() && /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? dayjs(s) : null);
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const f = isDate(from) ? localDay(from, tz) : instant(from);
  const last = isDate(to) ? localDay(to, tz) : null;
  const t = isDate(to) ? last && nextLocalDay(last, tz) : instant(to);
  if (!f || !t) return { ok: false, error: '--from/--to take a date (2026-11-01) or an ISO time with zone (2026-11-01T09:00:00Z)' };
  if (!t.isAfter(f)) return { ok: false, error: isDate(to) ? '--to must not be before --from' : '--to must be after --from' };
  return { ok: true, window: { from: f.toDate(), to: t.toDate(), tz } };
}

// Calendar arithmetic on the plain date, then that date's local midnight (DST-safe, see parsePeriod).
function nextLocalDay(d: dayjs.Dayjs, tz: string): dayjs.Dayjs | null {
  return localDay(dayjs.utc(d.format('YYYY-MM-DD')).add(1, 'day').format('YYYY-MM-DD'), tz);
}

function localDay(ymd: string, tz: string): dayjs.Dayjs | null {
  const d = dayjs.tz(ymd, 'YYYY-MM-DD', tz);
  return d.isValid() && d.format('YYYY-MM-DD') === ymd ? d : null;
}

export function isValidZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
