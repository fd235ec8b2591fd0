import type { ReportWindow } from '../metrics/index.js';

/**
 * A report window for people, in its own zone: whole local days as first and last day
 * (both included), anything else as start and end times with the end excluded, e.g.
 * `window: Mon 23 Nov 2026 – Sun 29 Nov 2026 (7 days, Asia/Dubai)` or
 * `window: Mon 23 Nov 2026 09:00 up to Mon 23 Nov 2026 17:30, end excluded (Asia/Dubai)`.
 */
export function describeWindow(w: ReportWindow): string {
  const from = localParts(w.from, w.tz);
  const to = localParts(w.to, w.tz);
  if (from.time === '00:00' && to.time === '00:00') {
    const days = Math.round((Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / 86_400_000);
    const last = localParts(new Date(Date.UTC(to.y, to.m - 1, to.d - 1, 12)), 'UTC');
    const span = days === 1 ? from.date : `${from.date} – ${last.date}`;
    return `window: ${span} (${days} day${days === 1 ? '' : 's'}, ${w.tz})`;
  }
  return `window: ${from.date} ${from.time} up to ${to.date} ${to.time}, end excluded (${w.tz})`;
}

/** The instant a live report describes, in the zone. */
export function describeInstant(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `as of ${p.date} ${p.time} (${tz})`;
}

function localParts(at: Date, tz: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  // en-GB spells September "Sept" in recent ICU: name months ourselves.
  const monthIndex = MONTHS.indexOf(parts.month!.slice(0, 3));
  return {
    date: `${parts.weekday} ${parts.day} ${MONTHS[monthIndex]} ${parts.year}`,
    time: `${parts.hour}:${parts.minute}`,
    y: Number(parts.year),
    m: monthIndex + 1,
    d: Number(parts.day),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
