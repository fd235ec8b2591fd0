import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportQuery } from '../window.js';
import {
  and, baseConditions, countedAt, deliveredTime, inWindow, isOutbound, isReceived, localDay,
  outboundAttribution, readTime, touchesWindow, windowDays,
} from './message-facts.js';

/** One local day in window.tz ('YYYY-MM-DD'); each count anchored to its own event time. */
export type MessagesDay = { date: string; sent: number; delivered: number; read: number; received: number };

/**
 * Per-day sent / delivered / read / received for the funnel and trend charts: every day the
 * window touches, in window.tz (days are 23 or 25 hours across DST), zero-filled. Each value is
 * counted on the day of its own time (send, delivery, read, inbound ts) inside [from, to).
 */
export async function messagesDaily(db: Kysely<Database>, q: ReportQuery): Promise<MessagesDay[]> {
  const w = q.window;
  // The day of `time` when `cond` holds and `time` is in the window, else null (no event).
  const dayIf = (cond: RawBuilder<boolean>, time: RawBuilder<unknown>) =>
    sql`CASE WHEN ${cond} AND ${inWindow(time, w)} THEN ${localDay(time, w)} END`;
  const { rows } = await sql<MessagesDay>`
    SELECT d.day AS date,
      count(*) FILTER (WHERE e.kind = 'sent')::int AS sent,
      count(*) FILTER (WHERE e.kind = 'delivered')::int AS delivered,
      count(*) FILTER (WHERE e.kind = 'read')::int AS read,
      count(*) FILTER (WHERE e.kind = 'received')::int AS received
    FROM ${windowDays(w)} d
    LEFT JOIN (
      SELECT v.kind, v.day
      FROM messages m
      CROSS JOIN LATERAL (VALUES
        ('received', ${dayIf(isReceived, countedAt)}),
        ('sent', ${dayIf(isOutbound, countedAt)}),
        ('delivered', ${dayIf(isOutbound, deliveredTime)}),
        ('read', ${dayIf(isOutbound, readTime)})
      ) AS v(kind, day)
      WHERE ${and([...baseConditions(q.filters), outboundAttribution(q.filters), touchesWindow(w)])} AND v.day IS NOT NULL
    ) e ON e.day = d.day
    GROUP BY d.day
    ORDER BY d.day`.execute(db);
  return rows.map((r) => ({ date: r.date, sent: Number(r.sent), delivered: Number(r.delivered), read: Number(r.read), received: Number(r.received) }));
}
