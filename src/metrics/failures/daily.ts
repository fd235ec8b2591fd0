import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { and, countedAt, inWindow, isFailed, localDay, touchesWindow, windowDays } from '../messages/message-facts.js';
import { failedIn, outboundScope } from './breakdowns.js';
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
 * day's sent cohort — what the delivery-failures chart draws.
 */
export async function failuresDaily(db: Kysely<Database>, q: ReportQuery): Promise<FailuresDay[]> {
  const w = q.window;
  const failedTime = sql`m.failed_at`;
  const [days, split] = await Promise.all([
    sql<{ date: string; failed: number; sent: number; sent_failed: number }>`
      SELECT d.day AS date,
        count(*) FILTER (WHERE e.kind = 'failed')::int AS failed,
        count(*) FILTER (WHERE e.kind = 'sent')::int AS sent,
        count(*) FILTER (WHERE e.kind = 'sent' AND e.ever_failed)::int AS sent_failed
      FROM ${windowDays(w)} d
      LEFT JOIN (
        SELECT v.kind, v.day, ${isFailed} AS ever_failed
        FROM messages m
        CROSS JOIN LATERAL (VALUES
          ('sent', CASE WHEN ${inWindow(countedAt, w)} THEN ${localDay(countedAt, w)} END),
          ('failed', CASE WHEN ${isFailed} AND ${inWindow(failedTime, w)} THEN ${localDay(failedTime, w)} END)
        ) AS v(kind, day)
        WHERE ${and([...outboundScope(q), touchesWindow(w)])} AND v.day IS NOT NULL
      ) e ON e.day = d.day
      GROUP BY d.day ORDER BY d.day`.execute(db),
    // One pass, two groupings: (day, code) and (day, class); GROUPING(code) = 1 marks class rows.
    sql<{ day: string; code: number | null; cls: string | null; by_class: number; n: number }>`
      SELECT day, code, cls, GROUPING(code)::int AS by_class, count(*)::int AS n
      FROM (
        SELECT ${localDay(failedTime, w)} AS day, m.error_code AS code, ${errorClassSql(sql`m.error_code`)} AS cls
        FROM messages m WHERE ${failedIn(q)}
      ) x
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
