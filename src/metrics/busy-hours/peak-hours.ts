import type { Matrix } from './local-hours.js';

/** One hour of the day (local, 0..23) with its count over the window and its average per day. */
export type PeakHour = { hour: number; count: number; avgPerDay: number };

/**
 * Peak hours (docs/metrics.md "Busy hours"): the hours of day whose average per day is highest
 * — the count in that hour of day over all weekdays ÷ the local days of the window. At most
 * `top`, busiest first (ties: earlier hour first); hours with nothing are never peaks.
 */
export function peakHours(counts: Matrix, days: number, top = 3): PeakHour[] {
  if (days <= 0) return [];
  return Array.from({ length: 24 }, (_, hour) => {
    const count = counts.reduce((sum, row) => sum + (row[hour] ?? 0), 0);
    return { hour, count, avgPerDay: count / days };
  })
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, top);
}
