import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { localDay, windowDays } from '../messages/message-facts.js';
import { rollupFacts, type RollupOptions } from '../messages/rollup-facts.js';
import { errorClassSql } from './error-classes.js';

export type FailuresDay = {
  /** local day in window.tz, 'YYYY-MM-DD' */
  date: string;
  /** failed for good, by the day of the failed time */
  failed: number;
  /** the same failures by chart error class (only classes with failures that day) */
  byClass: Record<string, number>;
  /** the same failures by error code (null: no code given) */
  byCode: { code: number | null; count: number }[];
  /** of the messages SENT that day (by send time), those that failed for good, whenever */
  failureRate: Rate;
};

/**
 * Per local day in window.tz (every day the window touches, zero-filled; DST days are 23/25 h):
 * failures by the day they failed, by code and by class, beside the failure rate of that
 * day's sent cohort — what the delivery-failures chart draws. From the rollups, whose 15-minute
 * buckets each lie within one local day in any zone.
 */
export async function failuresDaily(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<FailuresDay[]> {
  const w = q.window;
  const facts = (kinds: string[]) => sql`(
    SELECT ${localDay(sql`f.at`, w)} AS day, f.kind, f.code, sum(f.n) AS n
    FROM ${rollupFacts(w, q.filters, opts)} f
    WHERE f.kind IN (${sql.join(kinds)})
    GROUP BY 1, 2, 3 HAVING sum(f.n) <> 0)`;
  const [days, split] = await Promise.all([
    sql<{ date: string; failed: number; sent: number; sent_failed: number }>`
      SELECT d.day AS date,
        coalesce(sum(e.n) FILTER (WHERE e.kind = 'failed'), 0)::int AS failed,
        coalesce(sum(e.n) FILTER (WHERE e.kind = 'sent'), 0)::int AS sent,
        coalesce(sum(e.n) FILTER (WHERE e.kind = 'sent_failed'), 0)::int AS sent_failed
      FROM ${windowDays(w)} d
      LEFT JOIN ${facts(['failed', 'sent', 'sent_failed'])} e ON e.day = d.day
      GROUP BY d.day ORDER BY d.day`.execute(db),
    // One pass, two groupings: (day, code) and (day, class); GROUPING(code) = 1 marks class rows.
    sql<{ day: string; code: number | null; cls: string | null; by_class: number; n: number }>`
      SELECT day, code, cls, GROUPING(code)::int AS by_class, sum(n)::int AS n
      FROM (SELECT x.day, x.code, ${errorClassSql(sql`x.code`)} AS cls, x.n FROM ${facts(['failed'])} x) y
      GROUP BY GROUPING SETS ((day, code), (day, cls))
      ORDER BY day, n DESC, code NULLS LAST, cls`.execute(db),
  ]);
  return days.rows.map((d) => {
    const mine = split.rows.filter((r) => r.day === d.date);
    return {
      date: d.date,
      failed: Number(d.failed),
      byClass: Object.fromEntries(mine.filter((r) => r.by_class === 1).map((r) => [r.cls ?? 'Other', Number(r.n)])),
      byCode: mine.filter((r) => r.by_class === 0).map((r) => ({ code: r.code === null ? null : Number(r.code), count: Number(r.n) })),
      failureRate: rate(Number(d.sent_failed), Number(d.sent)),
    };
  });
}
