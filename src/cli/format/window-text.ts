import { localDayCount } from '../../charts/format.js';
import type { ReportFilters } from '../../metrics/index.js';

/** One report window or instant, in its zone; the same words in table headers and on stderr. */
type WindowLike = { from: string | Date; to: string | Date; tz: string };

const formats = new Map<string, Intl.DateTimeFormat>();

// en-GB spells September "Sept" in recent ICU: months are named here.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function localParts(at: Date, tz: string) {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value])) as Record<string, string>;
  const [y, m, d] = [Number(p.year), Number(p.month), Number(p.day)];
  return { day: `${p.weekday} ${d} ${MONTHS[m - 1]} ${y}`, time: `${p.hour}:${p.minute}`, y, m, d };
}

/** `Mon 23 Nov 2026 00:00`: the local time of `at` in tz, 24-hour clock. */
export function formatInstant(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.day} ${p.time}`;
}

/**
 * A window for people, in its own zone. Whole local days name the first and last day, both
 * included, with the count: `Mon 23 Nov 2026 – Sun 29 Nov 2026 (7 days, Asia/Dubai)`. Anything
 * else gives start and end times: `Mon 23 Nov 2026 09:00 → Mon 23 Nov 2026 17:30, end excluded (Asia/Dubai)`.
 */
export function formatWindow(w: WindowLike): string {
  const from = localParts(new Date(w.from), w.tz);
  const to = localParts(new Date(w.to), w.tz);
  if (from.time !== '00:00' || to.time !== '00:00') {
    return `${from.day} ${from.time} → ${to.day} ${to.time}, end excluded (${w.tz})`;
  }
  const days = localDayCount({ from: new Date(w.from), to: new Date(w.to), timeZone: w.tz });
  const last = localParts(new Date(Date.UTC(to.y, to.m - 1, to.d - 1, 12)), 'UTC');
  return `${days === 1 ? from.day : `${from.day} – ${last.day}`} (${days} day${days === 1 ? '' : 's'}, ${w.tz})`;
}

/** The window line every report output carries: `window: …`. */
export function describeWindow(w: WindowLike): string {
  return `window: ${formatWindow(w)}`;
}

/** The instant a live report describes, in the zone. */
export function describeInstant(at: Date, tz: string): string {
  return `as of ${formatInstant(at, tz)} (${tz})`;
}

/** `filters: agent omar, channel 106540352242922`, or `filters: none`. */
export function formatFilters(f: ReportFilters): string {
  const given = (['channel', 'agent', 'team'] as const).filter((k) => f[k] !== undefined).map((k) => `${k} ${f[k]}`);
  return `filters: ${given.length ? given.join(', ') : 'none'}`;
}
