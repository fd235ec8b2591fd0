/**
 * What every report is asked: a half-open window [from, to), the IANA zone its days, hours
 * and weekdays are taken in, and optional filters. `now` is injected for live state.
 */
export type ReportWindow = {
  from: Date;
  to: Date;
  tz: string;
  /**
   * The calendar period the window is (today → 'day', this-week → 'week', this-month → 'month'),
   * when whoever built it knows. Optional: without it the period is read off the window's shape.
   */
  calendar?: CalendarUnit;
};

export type CalendarUnit = 'day' | 'week' | 'month';

export type ReportFilters = {
  /** business number: WhatsApp phone_number_id */
  channel?: string;
  /** agent id (agents.id) */
  agent?: string;
  /** agents.team */
  team?: string;
};

export type ReportQuery = { window: ReportWindow; filters: ReportFilters };

/**
 * The window a period is compared with (METRICS "Previous period"). A window wholly in the past
 * is compared with the window of equal length just before. A window still running at `now`
 * (today, this-week, this-month, 7d…) is compared with the same elapsed span of the previous
 * period: Monday 09:00 of this week → last Monday 00:00–09:00, not a whole week. The span is
 * measured in local wall-clock time in w.tz (a DST change does not shift it by an hour) from
 * the start of the previous period (one calendar month, or the same number of local days,
 * before), and clamped to that period's end (31 March to date → all of February).
 */
export function previousWindow(w: ReportWindow, now?: Date): ReportWindow {
  if (!now || !isRunning(w, now)) {
    const length = w.to.getTime() - w.from.getTime();
    return { from: new Date(w.from.getTime() - length), to: w.from, tz: w.tz };
  }
  const unit = w.calendar ?? periodShape(w);
  if (unit === null) {
    // not whole local days: shift by the absolute length
    const length = w.to.getTime() - w.from.getTime();
    const from = new Date(w.from.getTime() - length);
    return { from, to: new Date(from.getTime() + now.getTime() - w.from.getTime()), tz: w.tz };
  }
  const startWall = wallClock(w.from, w.tz);
  const prevStartWall = startBefore(startWall, unit);
  const from = instantOf(prevStartWall, w.tz);
  const elapsedWall = wallClock(now, w.tz) - startWall;
  const to = new Date(Math.min(instantOf(prevStartWall + elapsedWall, w.tz).getTime(), w.from.getTime()));
  return { from, to, tz: w.tz };
}

/** True when `now` falls inside the window: its figures only run to `now`. */
export function isRunning(w: ReportWindow, now: Date): boolean {
  return w.from < now && (now < w.to || (w.calendar !== undefined && now.getTime() === w.to.getTime()));
}

/** `(cur - prev) / prev`; null ("n/a") where prev = 0. */
export function delta(current: number, previous: number): { current: number; previous: number; change: number | null } {
  return { current, previous, change: previous === 0 ? null : (current - previous) / previous };
}

/** JSON form of a window, as every report carries it. */
export function windowJson(w: ReportWindow) {
  return { from: w.from.toISOString(), to: w.to.toISOString(), tz: w.tz };
}

const DAY_MS = 86_400_000;

/** 'month' for a calendar month in tz, the number of local days for whole local days, else null. */
function periodShape(w: ReportWindow): 'month' | number | null {
  const from = wallClock(w.from, w.tz);
  const to = wallClock(w.to, w.tz);
  if (from % DAY_MS !== 0 || to % DAY_MS !== 0) return null;
  const f = new Date(from);
  if (f.getUTCDate() === 1 && startBefore(to, 'month') === from) return 'month';
  return Math.round((to - from) / DAY_MS);
}

/**
 * The same wall-clock time (ms, as if UTC) one period earlier: a day, a week, N days, or a
 * calendar month (day of month clamped to that month's end).
 */
function startBefore(wall: number, unit: CalendarUnit | number): number {
  if (typeof unit === 'number') return wall - unit * DAY_MS;
  if (unit === 'day') return wall - DAY_MS;
  if (unit === 'week') return wall - 7 * DAY_MS;
  const d = new Date(wall);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay)) + (wall % DAY_MS);
}

/** The zone's offset from UTC at `at`, in minutes: 240 in Asia/Dubai, 330 in Asia/Kolkata, −300 in New York in winter. */
export function utcOffsetMinutes(at: Date, tz: string): number {
  return Math.round((wallClock(at, tz) - at.getTime()) / 60_000);
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The local wall-clock reading of `at` in tz, as milliseconds of a UTC date with that reading. */
function wallClock(at: Date, tz: string): number {
  let f = partsFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    partsFormats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, at.getUTCMilliseconds());
}

/** The instant whose wall clock in tz reads `wall` (a time skipped by DST lands just after the gap). */
function instantOf(wall: number, tz: string): Date {
  const first = wall - (wallClock(new Date(wall), tz) - wall);
  return new Date(wall - (wallClock(new Date(first), tz) - first));
}
