import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { NOT_RECEIVED_TYPES } from '../messages/message-facts.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { currentDayRows, dirtyDaysCte, inSpans, splitWindow } from './contact-days.js';
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
 *
 * The first outbound message of the window is the earliest (time, wamid) among each whole UTC
 * day's first one (contact_days, migration 0013, which also stores whether it was answered) and
 * each contact's earliest message of the partial days at the edges (answered: looked up as
 * above).
 * test/integration/metrics/contacts-fast-path.test.ts checks it against the direct derivation.
 */
export async function replyRates(db: Kysely<Database>, q: ReportQuery): Promise<ReplyRates> {
  const channel = q.filters.channel;
  const onChannel = (col: string) => (channel === undefined ? null : sql<boolean>`${sql.ref(col)} = ${channel}`);
  const split = splitWindow(q.window);
  const wholeDays = split.days === null
    ? sql<boolean>`false`
    : allOf([sql<boolean>`d.first_out_at IS NOT NULL AND d.day >= ${split.days.from}::timestamptz AND d.day < ${split.days.to}::timestamptz`, onChannel('d.phone_number_id')]);
  // Of the edges' outbound messages only each contact's earliest can be its first of the window,
  // so only those are looked up for an answer (at 10M over 7 days, 19,084 edge messages for
  // about 7,000 contacts). The lookup stays inside the edge branch: carried past the window-wide
  // DISTINCT ON instead, the wider rows made that sort spill at 90 days.
  const { rows } = await sql<{ source: string; sent: number; replied: number }>`
    WITH ${dirtyDaysCte}, candidates AS (
      SELECT d.contact_id, d.first_out_at AS t, d.first_out_wamid AS wamid, d.first_out_replied AS replied
      FROM ${currentDayRows(wholeDays)} d
      UNION ALL
      SELECT e.contact_id, e.t, e.wamid, EXISTS (
        SELECT 1 FROM messages m2
        WHERE m2.contact_id = e.contact_id AND m2.phone_number_id = e.phone_number_id
          AND m2.counted_at > e.t AND m2.counted_at <= e.t + interval '24 hours'
          AND m2.origin <> 'history' AND m2.direction = 'inbound'
          AND coalesce(m2.type, '') NOT IN (${sql.join(NOT_RECEIVED_TYPES.map((t) => sql.lit(t)))})
      )
      FROM (
        SELECT DISTINCT ON (m.contact_id) m.contact_id, m.phone_number_id, m.counted_at AS t, m.wamid
        FROM messages m
        WHERE ${allOf([
          sql<boolean>`m.direction = 'outbound' AND m.origin <> 'history' AND m.contact_id IS NOT NULL`,
          inSpans(sql`m.counted_at`, split.edges),
          onChannel('m.phone_number_id'),
        ])}
        ORDER BY m.contact_id, m.counted_at, m.wamid
      ) e
    ), firsts AS (
      SELECT DISTINCT ON (c.contact_id) c.contact_id, c.replied
      FROM candidates c
      ORDER BY c.contact_id, c.t, c.wamid
    )
    SELECT ${sourceLabel} AS source, count(*)::int AS sent, count(*) FILTER (WHERE f.replied)::int AS replied
    FROM firsts f JOIN contacts ct ON ct.id = f.contact_id
    GROUP BY 1`.execute(db);
  const sent = rows.reduce((a, r) => a + Number(r.sent), 0);
  const replied = rows.reduce((a, r) => a + Number(r.replied), 0);
  return { total: rate(replied, sent), bySource: bySource(rows, (r) => rate(Number(r.replied), Number(r.sent)), () => rate(0, 0)) };
}
