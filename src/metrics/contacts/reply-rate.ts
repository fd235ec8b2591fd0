import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { currentDayRows, dirtyDaysCte, splitWindow, type DaySplit } from './contact-days.js';
import { firstSentIn } from './edges.js';
import { replyRowsFromLinks } from './links.js';
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
 * Across all channels with at least one whole UTC day in the window: from the contact links
 * (migration 0022, links.ts). Otherwise (a channel, or a window inside a day or two):
 * the first outbound message of the window is the earliest (time, wamid) among each whole UTC
 * day's first one (contact_days, migration 0013, which also stores whether it was answered) and
 * each contact's earliest message of the partial days at the edges (answered: looked up as
 * above).
 * test/integration/metrics/contacts-fast-path.test.ts checks it against the direct derivation.
 */
export async function replyRates(db: Kysely<Database>, q: ReportQuery): Promise<ReplyRates> {
  const channel = q.filters.channel;
  const split = splitWindow(q.window);
  const rows = channel === undefined && split.days !== null
    ? await replyRowsFromLinks(db, { days: split.days, edges: split.edges })
    : await replyRowsFromDays(db, split, channel);
  const sent = rows.reduce((a, r) => a + Number(r.sent), 0);
  const replied = rows.reduce((a, r) => a + Number(r.replied), 0);
  return { total: rate(replied, sent), bySource: bySource(rows, (r) => rate(Number(r.replied), Number(r.sent)), () => rate(0, 0)) };
}

async function replyRowsFromDays(db: Kysely<Database>, split: DaySplit, channel: string | undefined): Promise<{ source: string; sent: number; replied: number }[]> {
  const onChannel = (col: string) => (channel === undefined ? null : sql<boolean>`${sql.ref(col)} = ${channel}`);
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
      SELECT e.contact_id, e.t, e.wamid, e.replied FROM ${firstSentIn(split.edges, onChannel('m.phone_number_id'))} e
    ), firsts AS (
      SELECT DISTINCT ON (c.contact_id) c.contact_id, c.replied
      FROM candidates c
      ORDER BY c.contact_id, c.t, c.wamid
    )
    SELECT ${sourceLabel} AS source, count(*)::int AS sent, count(*) FILTER (WHERE f.replied)::int AS replied
    FROM firsts f JOIN contacts ct ON ct.id = f.contact_id
    GROUP BY 1`.execute(db);
  return rows;
}

