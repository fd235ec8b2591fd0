import { sql, type RawBuilder } from 'kysely';

/** Duration statistics in seconds (METRICS "Durations"); null where count = 0. */
export type DurationStats = { count: number; avg: number | null; median: number | null; p90: number | null; max: number | null };

/** A fraction in [0, 1] with what it was computed from; value null where denominator = 0. */
export type Rate = { value: number | null; numerator: number; denominator: number };

export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** Response-time buckets: <30s, 30s–2m, 2–5m, 5–10m, 10–30m, 30–60m, >1h (lower bound inclusive). */
export const BUCKETS = [
  { label: '<30s', min: 0, max: 30 },
  { label: '30s-2m', min: 30, max: 120 },
  { label: '2-5m', min: 120, max: 300 },
  { label: '5-10m', min: 300, max: 600 },
  { label: '10-30m', min: 600, max: 1800 },
  { label: '30-60m', min: 1800, max: 3600 },
  { label: '>1h', min: 3600, max: null },
] as const;
export type BucketCounts = Record<(typeof BUCKETS)[number]['label'], number>;

/**
 * SELECT-list fragments computing DurationStats of `seconds` as `<prefix>_count`, `_avg`,
 * `_median`, `_p90`, `_max` — aggregated in the database, cast so pg and PGlite agree. avg is
 * order-independent (an exact sum), so every way of adding the same values gives the same double.
 */
export function statsColumns(seconds: RawBuilder<unknown>, prefix: string): RawBuilder<unknown>[] {
  const p = (s: string) => sql.ref(`${prefix}_${s}`);
  return [
    sql`count(${seconds})::int AS ${p('count')}`,
    // the exact (numeric) sum over the count, not avg(float8)'s running float sum, whose last
    // bits depend on the order rows arrive in: the duration rollups (migrations/0012) add the
    // same numeric sums in another order and must give the same double
    sql`(sum(${seconds}::numeric)::float8 / nullif(count(${seconds}), 0))::float8 AS ${p('avg')}`,
    sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds})::float8 AS ${p('median')}`,
    sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds})::float8 AS ${p('p90')}`,
    sql`max(${seconds})::float8 AS ${p('max')}`,
  ];
}

/** Reads the columns of statsColumns back. */
export function readStats(row: Record<string, unknown>, prefix: string): DurationStats {
  const n = (k: string) => (row[`${prefix}_${k}`] === null || row[`${prefix}_${k}`] === undefined ? null : Number(row[`${prefix}_${k}`]));
  return { count: n('count') ?? 0, avg: n('avg'), median: n('median'), p90: n('p90'), max: n('max') };
}

/** SELECT-list fragments counting `seconds` per bucket as `<prefix>_b0` … `_b6`. */
export function bucketColumns(seconds: RawBuilder<unknown>, prefix: string): RawBuilder<unknown>[] {
  return BUCKETS.map((b, i) => {
    const cond = b.max === null ? sql`${seconds} >= ${b.min}` : sql`${seconds} >= ${b.min} AND ${seconds} < ${b.max}`;
    return sql`count(*) FILTER (WHERE ${cond})::int AS ${sql.ref(`${prefix}_b${i}`)}`;
  });
}

export function readBuckets(row: Record<string, unknown>, prefix: string): BucketCounts {
  return Object.fromEntries(BUCKETS.map((b, i) => [b.label, Number(row[`${prefix}_b${i}`] ?? 0)])) as BucketCounts;
}

/** Seconds between two timestamptz expressions, as float8. */
export function secondsBetween(start: RawBuilder<unknown>, end: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`extract(epoch FROM (${end} - ${start}))::float8`;
}
