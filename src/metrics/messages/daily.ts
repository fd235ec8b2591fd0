import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportQuery } from '../window.js';
import { localDay, windowDays } from './message-facts.js';
import { rollupFacts, type RollupOptions } from './rollup-facts.js';

/** One local day in window.tz ('YYYY-MM-DD'); each count anchored to its own event time. */
export type MessagesDay = { date: string; sent: number; delivered: number; read: number; received: number };

/**
 * Per-day sent / delivered / read / received for the funnel and trend charts: every day the
 * window touches, in window.tz (days are 23 or 25 hours across DST), zero-filled. Each value is
 * counted on the day of its own time (send, delivery, read, inbound ts) inside [from, to); from
 * the rollups, whose 15-minute buckets each lie within one local day in any zone.
 */
export async function messagesDaily(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<MessagesDay[]> {
  const w = q.window;
  const { rows } = await sql<MessagesDay>`
    SELECT d.day AS date,
      coalesce(sum(e.n) FILTER (WHERE e.kind = 'sent'), 0)::int AS sent,
      coalesce(sum(e.n) FILTER (WHERE e.kind = 'delivered'), 0)::int AS delivered,
      coalesce(sum(e.n) FILTER (WHERE e.kind = 'read'), 0)::int AS read,
      coalesce(sum(e.n) FILTER (WHERE e.kind = 'received'), 0)::int AS received
    FROM ${windowDays(w)} d
    LEFT JOIN (
      SELECT ${localDay(sql`f.at`, w)} AS day, f.kind, sum(f.n) AS n
      FROM ${rollupFacts(w, q.filters, opts)} f
      WHERE f.kind IN ('sent', 'delivered', 'read', 'received')
      GROUP BY 1, 2
    ) e ON e.day = d.day
    GROUP BY d.day
    ORDER BY d.day`.execute(db);
  return rows.map((r) => ({ date: r.date, sent: Number(r.sent), delivered: Number(r.delivered), read: Number(r.read), received: Number(r.received) }));
}
