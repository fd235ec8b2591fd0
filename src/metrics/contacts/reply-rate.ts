import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow, isReceived } from '../messages/message-facts.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { bySource, sourceLabel, type BySource } from './source.js';

export type ReplyRates = { total: Rate; bySource: BySource<Rate> };

/**
 * METRICS "reply rate by source". Denominator: contacts sent at least one outbound message
 * (any sender, never history) counted in [from, to). Numerator: those who sent a received
 * inbound message (not reaction/system/request_welcome, never history) on the same number in
 * (t, t + 24 h], t = the time of their FIRST outbound message in the window (ties: lowest
 * wamid). Anchored on that outbound message: a reply after `to` still counts, so the figure
 * of a window settles 24 h after it ends. channel: the outbound message's number (the reply is
 * on it too).
 */
export async function replyRates(db: Kysely<Database>, q: ReportQuery): Promise<ReplyRates> {
  const { rows } = await sql<{ source: string; sent: number; replied: number }>`
    WITH firsts AS (
      SELECT DISTINCT ON (m.contact_id) m.contact_id, m.phone_number_id, m.counted_at AS t
      FROM messages m
      WHERE ${allOf([
        sql<boolean>`m.direction = 'outbound' AND m.origin <> 'history' AND m.contact_id IS NOT NULL`,
        inWindow(sql`m.counted_at`, q.window),
        q.filters.channel === undefined ? null : sql<boolean>`m.phone_number_id = ${q.filters.channel}`,
      ])}
      ORDER BY m.contact_id, m.counted_at, m.wamid
    )
    SELECT ${sourceLabel} AS source, count(*)::int AS sent,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM messages m
        WHERE m.contact_id = f.contact_id AND m.phone_number_id = f.phone_number_id
          AND m.counted_at > f.t AND m.counted_at <= f.t + interval '24 hours'
          AND m.origin <> 'history' AND ${isReceived}
      ))::int AS replied
    FROM firsts f JOIN contacts ct ON ct.id = f.contact_id
    GROUP BY 1`.execute(db);
  const sent = rows.reduce((a, r) => a + Number(r.sent), 0);
  const replied = rows.reduce((a, r) => a + Number(r.replied), 0);
  return { total: rate(replied, sent), bySource: bySource(rows, (r) => rate(Number(r.replied), Number(r.sent)), () => rate(0, 0)) };
}
