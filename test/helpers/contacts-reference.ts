import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/index.js';
import { inWindow, isReceived } from '../../src/metrics/messages/message-facts.js';
import { allOf } from '../../src/metrics/busy-hours/cycle-facts.js';
import { rate } from '../../src/metrics/stats.js';
import type { ReportQuery } from '../../src/metrics/window.js';
import { bySource, sourceLabel } from '../../src/metrics/contacts/source.js';
import type { NewVsReturning } from '../../src/metrics/contacts/new-returning.js';
import type { ReplyRates } from '../../src/metrics/contacts/reply-rate.js';

/**
 * The contacts report's new-vs-returning and reply-rate parts derived straight from messages, as
 * they were before contact_days (migration 0013): the reference the fast path must equal.
 */

export async function newVsReturningReference(db: Kysely<Database>, q: ReportQuery): Promise<NewVsReturning> {
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

export async function replyRatesReference(db: Kysely<Database>, q: ReportQuery): Promise<ReplyRates> {
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
