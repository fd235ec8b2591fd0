import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow, isReceived } from '../messages/message-facts.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import type { ReportQuery } from '../window.js';

export type NewVsReturning = {
  /** contacts who sent ≥ 1 received inbound message in the window */
  active: number;
  /** … with no inbound message at all before `from` */
  new: number;
  /** … with an inbound message before `from` */
  returning: number;
};

/**
 * METRICS "new vs returning". In-window messages are received inbound messages (not
 * reaction/system/request_welcome, never history) with ts in [from, to). "Before" looks at any
 * inbound message with ts < from (inbound counted_at = ts), history backfill and reactions
 * included: a contact who wrote before wapulse was installed, or only reacted, has still been
 * in touch — it is a classification, not a count. channel: both sides are taken on that number
 * only (new = new to that number).
 */
export async function newVsReturning(db: Kysely<Database>, q: ReportQuery): Promise<NewVsReturning> {
  const channel = q.filters.channel;
  const { rows } = await sql<{ active: number; new: number; returning: number }>`
    SELECT count(*)::int AS active,
      count(*) FILTER (WHERE NOT x.returning)::int AS new,
      count(*) FILTER (WHERE x.returning)::int AS returning
    FROM (
      SELECT m.contact_id, EXISTS (
        SELECT 1 FROM messages p
        WHERE p.contact_id = m.contact_id AND p.direction = 'inbound' AND p.counted_at < ${q.window.from}::timestamptz
          ${channel === undefined ? sql`` : sql`AND p.phone_number_id = ${channel}`}
      ) AS returning
      FROM messages m
      WHERE ${allOf([
        isReceived,
        sql<boolean>`m.origin <> 'history' AND m.contact_id IS NOT NULL`,
        inWindow(sql`m.counted_at`, q.window),
        channel === undefined ? null : sql<boolean>`m.phone_number_id = ${channel}`,
      ])}
      GROUP BY m.contact_id
    ) x`.execute(db);
  const r = rows[0];
  return { active: Number(r?.active ?? 0), new: Number(r?.new ?? 0), returning: Number(r?.returning ?? 0) };
}
