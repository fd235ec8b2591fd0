import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportWindow } from '../window.js';

/** `counts[weekday − 1][hour]`: rows Mon..Sun (ISO 1..7), columns local hours 0..23. */
export type Matrix<T = number> = T[][];

/** ISO weekday (1 = Mon … 7 = Sun) and hour (0..23) of the timestamptz `at`, in window.tz. */
export function localCell(at: RawBuilder<unknown>, w: ReportWindow): { dow: RawBuilder<number>; hour: RawBuilder<number> } {
  return {
    dow: sql<number>`extract(isodow FROM (${at} AT TIME ZONE ${w.tz}::text))::int`,
    hour: sql<number>`extract(hour FROM (${at} AT TIME ZONE ${w.tz}::text))::int`,
  };
}

export type CellRow = { dow: number; hour: number };

/** Rows of (dow, hour, value) into a 7 × 24 matrix, `fill` where no row came. */
export function toMatrix<R extends CellRow, T>(rows: readonly R[], value: (r: R) => T, fill: T): Matrix<T> {
  const m: Matrix<T> = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => fill));
  for (const r of rows) {
    const row = m[r.dow - 1];
    if (row && r.hour >= 0 && r.hour < 24) row[r.hour] = value(r);
  }
  return m;
}

/** Cell-wise map of a matrix; `dow` is the ISO weekday (1..7). */
export function mapMatrix<A, T>(a: Matrix<A>, f: (v: A, dow: number, hour: number) => T): Matrix<T> {
  return a.map((row, d) => row.map((v, h) => f(v, d + 1, h)));
}

export type LocalHours = {
  /** how many times each local (weekday, hour) occurs in the window */
  hours: Matrix;
  /** local calendar days the window touches */
  days: number;
};

/**
 * Counts the local clock hours of the window: every real hour [t, t+1h) that starts on a local
 * hour boundary and overlaps [from, to), labelled with its local weekday and hour. Stepping
 * real hours (not local wall-clock times) is what makes DST right: on a spring-forward day the
 * skipped local hour occurs 0 times, on a fall-back day the repeated one occurs twice. (Assumes
 * whole-hour DST shifts, true of every zone but Lord Howe's half hour.) Days = the distinct
 * local dates of those hours, so a 23- or 25-hour day is still one day.
 */
export async function localHours(db: Kysely<Database>, w: ReportWindow): Promise<LocalHours> {
  const at = sql`h.at`;
  const cell = localCell(at, w);
  const { rows } = await sql<CellRow & { n: number; days: number }>`
    WITH h AS (
      SELECT g AS at FROM generate_series(date_trunc('hour', ${w.from}::timestamptz, ${w.tz}::text), ${w.to}::timestamptz, interval '1 hour') AS g
      WHERE g + interval '1 hour' > ${w.from}::timestamptz AND g < ${w.to}::timestamptz
    )
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, count(*)::int AS n,
      (SELECT count(DISTINCT (h2.at AT TIME ZONE ${w.tz}::text)::date) FROM h AS h2)::int AS days
    FROM h GROUP BY 1, 2`.execute(db);
  return { hours: toMatrix(rows, (r) => Number(r.n), 0), days: Number(rows[0]?.days ?? 0) };
}
