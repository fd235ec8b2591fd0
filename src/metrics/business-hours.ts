import { sql, type RawBuilder } from 'kysely';

/**
 * Business hours (METRICS "Business hours"): a weekly schedule of local opening hours, written
 * like `sun-thu 09:00-18:00; fri 09:00-13:00`, taken in REPORT_TZ (or `tz` when given).
 */

/** ISO weekday as a string key: "1" = Monday … "7" = Sunday (the jsonb keys SQL reads). */
export type IsoDay = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** [start, end) in minutes after local midnight, 0 ≤ start < end ≤ 1440. */
export type MinuteRange = [number, number];

export type BusinessHours = {
  /** per weekday, sorted, non-overlapping ranges; days without hours have [] */
  days: Record<IsoDay, MinuteRange[]>;
  /** zone the hours are in; the report window's zone when absent */
  tz?: string;
};

export type BusinessHoursResult = { ok: true; hours: BusinessHours } | { ok: false; error: string };

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const ISO_DAYS: IsoDay[] = ['1', '2', '3', '4', '5', '6', '7'];

/**
 * Parses `days ranges` clauses separated by `;`. Days: `mon`…`sun` (longer names like
 * `tuesday` work), lists `mon,wed`, spans `sun-thu` (wrapping over the week end, so `fri-mon`
 * is fri, sat, sun, mon). Ranges: `HH:MM-HH:MM` (24 h clock, `24:00` allowed as an end), several
 * joined by `,`. Overlapping ranges merge. An overnight range must be split over two days.
 */
export function parseBusinessHours(text: string): BusinessHoursResult {
  const days = Object.fromEntries(ISO_DAYS.map((d) => [d, [] as MinuteRange[]])) as Record<IsoDay, MinuteRange[]>;
  const clauses = text.split(';').map((c) => c.trim()).filter((c) => c !== '');
  if (clauses.length === 0) return { ok: false, error: 'business hours are empty (example: "sun-thu 09:00-18:00; fri 09:00-13:00")' };
  for (const [i, clause] of clauses.entries()) {
    const where = `clause ${i + 1} ("${clause}")`;
    const m = /^(\S+)\s+(.+)$/.exec(clause);
    if (!m) return { ok: false, error: `${where}: expected days then hours, like "mon-fri 09:00-17:00"` };
    const dayList = parseDays(m[1]!);
    if (typeof dayList === 'string') return { ok: false, error: `${where}: ${dayList}` };
    const ranges = parseRanges(m[2]!.replace(/\s+/g, ''));
    if (typeof ranges === 'string') return { ok: false, error: `${where}: ${ranges}` };
    for (const d of dayList) days[d].push(...ranges);
  }
  for (const d of ISO_DAYS) days[d] = merge(days[d]);
  return { ok: true, hours: { days } };
}

/** Index 0 (Monday) … 6 (Sunday) of a day name given by at least its first three letters. */
function dayIndex(name: string): number | null {
  const i = name.length < 3 ? -1 : DAY_NAMES.findIndex((d) => d.startsWith(name));
  return i < 0 ? null : i;
}

function parseDays(text: string): IsoDay[] | string {
  const out = new Set<IsoDay>();
  for (const part of text.toLowerCase().split(',')) {
    const [a, b, ...rest] = part.split('-');
    const first = dayIndex(a ?? '');
    const last = b === undefined ? first : dayIndex(b);
    if (first === null || last === null || rest.length > 0) return `"${part}" is not a day or day span (mon, tue, … sun; sun-thu)`;
    for (let i = first; ; i = (i + 1) % 7) {
      out.add(ISO_DAYS[i]!);
      if (i === last) break;
    }
  }
  return ISO_DAYS.filter((d) => out.has(d));
}

function minutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function parseRanges(text: string): MinuteRange[] | string {
  const out: MinuteRange[] = [];
  for (const part of text.split(',')) {
    const [a, b, ...rest] = part.split('-');
    const start = minutes(a ?? '');
    const end = minutes(b ?? '');
    if (start === null || end === null || rest.length > 0) return `"${part}" must look like 09:00-18:00`;
    if (end <= start) return `"${part}" ends before it starts (split an overnight range over two days: "fri 22:00-24:00; sat 00:00-02:00")`;
    out.push([start, end]);
  }
  return out;
}

function merge(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: MinuteRange[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * SQL seconds of [start, stop) inside the business hours, in `hours.tz` or else `tz`
 * (migrations/0003_metrics.sql `wapulse_business_seconds`; DST-correct), as float8.
 */
export function businessSecondsSql(start: RawBuilder<unknown>, stop: RawBuilder<unknown>, hours: BusinessHours, tz: string): RawBuilder<number> {
  return sql<number>`wapulse_business_seconds(${start}, ${stop}, ${hours.tz ?? tz}::text, ${JSON.stringify(hours.days)}::jsonb)`;
}
