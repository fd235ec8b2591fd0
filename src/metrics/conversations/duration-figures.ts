import { sql, type RawBuilder } from 'kysely';
import { BUCKETS, bucketColumns, readBuckets, readStats, statsColumns, type BucketCounts, type DurationStats } from '../stats.js';

/**
 * Reading `rt_durations` (response-times.ts) into JSON figures: wall-clock DurationStats in
 * seconds, response-time buckets, and the same counted in business time when configured.
 */

/** A duration figure: wall-clock stats (s), and business-time stats (s) when business hours are set, else null. */
export type Durations = DurationStats & { business: DurationStats | null };

/** A response-time figure: Durations plus the METRICS bucket counts (wall clock and business time). */
export type ResponseDurations = DurationStats & {
  buckets: BucketCounts;
  business: (DurationStats & { buckets: BucketCounts }) | null;
};

const STAT_KEYS = ['count', 'avg', 'median', 'p90', 'max'] as const;

/** Aggregate SELECT-list over rt_durations: w_* stats, wb_b* buckets; b_*, bb_b* in business time. */
export function durationColumns(business: boolean): RawBuilder<unknown>[] {
  return [
    ...statsColumns(sql`seconds`, 'w'),
    ...bucketColumns(sql`seconds`, 'wb'),
    ...(business ? [...statsColumns(sql`business_seconds`, 'b'), ...bucketColumns(sql`business_seconds`, 'bb')] : []),
  ];
}

/** Names of the columns durationColumns produces (to re-alias them when pivoting). */
export function durationColumnNames(business: boolean): string[] {
  const group = (stats: string, buckets: string) => [...STAT_KEYS.map((k) => `${stats}_${k}`), ...BUCKETS.map((_, i) => `${buckets}_b${i}`)];
  return [...group('w', 'wb'), ...(business ? group('b', 'bb') : [])];
}

/** Reads durationColumns back; `prefix` is what the columns were re-aliased with (`frt_` …). */
export function readDurations(row: Record<string, unknown>, business: boolean, prefix = ''): Durations {
  return { ...readStats(row, `${prefix}w`), business: business ? readStats(row, `${prefix}b`) : null };
}

export function readResponseDurations(row: Record<string, unknown>, business: boolean, prefix = ''): ResponseDurations {
  return {
    ...readStats(row, `${prefix}w`),
    buckets: readBuckets(row, `${prefix}wb`),
    business: business ? { ...readStats(row, `${prefix}b`), buckets: readBuckets(row, `${prefix}bb`) } : null,
  };
}
