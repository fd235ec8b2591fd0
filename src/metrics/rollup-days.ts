/**
 * How a window [from, to) is read from per-UTC-day rollups (conversation counts, migrations/0018;
 * duration sums, 0012), exactly: the rollups of whole UTC days, plus the rows of the partial days
 * at its edges. A partial day longer than half its day is read from the other side — its whole
 * day's rollups minus the rows of the rest of that day — since fewer rows lie there; an edge
 * ending at now (a "today" window) has the rest of its day in the future, so nothing to subtract.
 * What is added must be summable: counts, exact numeric sums.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export type Span = { lo: number; hi: number };

export type DayReads = {
  /** day ranges to read from the rollups (day >= lo AND day < hi); lo null: every day before hi */
  days: { lo: number | null; hi: number }[];
  /** spans whose rows are added */
  add: Span[];
  /** spans whose rows are taken away */
  subtract: Span[];
};

const DAY_MS = 86_400_000;

/** The reads of [from, to); from null: of every instant before `to`. */
export function dayReads(from: number | null, to: number): DayReads {
  const out: DayReads = { days: [], add: [], subtract: [] };
  const dayTo = Math.floor(to / DAY_MS) * DAY_MS;
  const partialDay = (lo: number, hi: number) => {
    if (lo >= hi) return;
    if (hi - lo <= DAY_MS / 2) {
      out.add.push({ lo, hi });
      return;
    }
    const day = Math.floor(lo / DAY_MS) * DAY_MS;
    out.days.push({ lo: day, hi: day + DAY_MS });
    for (const rest of [{ lo: day, hi: lo }, { lo: hi, hi: day + DAY_MS }]) if (rest.lo < rest.hi) out.subtract.push(rest);
  };
  if (from === null) {
    out.days.push({ lo: null, hi: dayTo });
    partialDay(dayTo, to);
  } else if (from < to) {
    // whole UTC days [dayFrom, dayTo); the edges [from, e1) and [e2, to), each inside one day
    const dayFrom = Math.ceil(from / DAY_MS) * DAY_MS;
    const e1 = Math.min(dayFrom, to);
    const e2 = Math.max(dayTo, e1);
    if (dayFrom < dayTo) out.days.push({ lo: dayFrom, hi: dayTo });
    partialDay(from, e1);
    partialDay(e2, to);
  }
  return out;
}

export type DayRange = { lo: number | null; hi: number };

/**
 * A range of whole UTC days cut into the whole UTC calendar months inside it, read from a
 * monthly table (duration rollups, migrations/0021), and the days before and after them, read
 * per day. `lo` null: every day before `hi`, so every month before the last month start ≤ hi.
 */
export function monthsWithin(r: DayRange): { months: DayRange[]; days: DayRange[] } {
  const monthStart = (ms: number) => dayjs.utc(ms).startOf('month').valueOf();
  const nextMonth = (ms: number) => dayjs.utc(ms).startOf('month').add(1, 'month').valueOf();
  const last = monthStart(r.hi);
  const first = r.lo === null ? null : monthStart(r.lo) === r.lo ? r.lo : nextMonth(r.lo);
  if (first !== null && first >= last) return { months: [], days: r.lo !== null && r.lo < r.hi ? [r] : [] };
  const days: DayRange[] = [];
  if (r.lo !== null && first !== null && r.lo < first) days.push({ lo: r.lo, hi: first });
  if (last < r.hi) days.push({ lo: last, hi: r.hi });
  return { months: [{ lo: first, hi: last }], days };
}
