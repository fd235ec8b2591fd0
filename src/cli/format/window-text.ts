import type { ReportFilters } from '../../metrics/index.js';

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** `Mon 23 Nov 2026 00:00`: the local time of `at` in tz, 24-hour clock. */
export function formatInstant(at: Date, tz: string): string {
  let f = instantFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    instantFormats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}`;
}

/** `Mon 23 Nov 2026 00:00 → Mon 30 Nov 2026 00:00 (Asia/Dubai)`; the end is exclusive. */
export function formatWindow(w: { from: string; to: string; tz: string }): string {
  return `${formatInstant(new Date(w.from), w.tz)} → ${formatInstant(new Date(w.to), w.tz)} (${w.tz})`;
}

/** `filters: agent omar, channel 106540352242922`, or `filters: none`. */
export function formatFilters(f: ReportFilters): string {
  const given = (['channel', 'agent', 'team'] as const).filter((k) => f[k] !== undefined).map((k) => `${k} ${f[k]}`);
  return `filters: ${given.length ? given.join(', ') : 'none'}`;
}
