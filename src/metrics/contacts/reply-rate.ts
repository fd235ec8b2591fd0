import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { splitWindow, type DaySplit } from './contact-days.js';
import { firstSentIn } from './edges.js';
import { replyRowsFromLinks } from './links.js';
import { bySource, sourceLabelOf, type BySource } from './source.js';

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
 * A window holding at least one whole UTC day is read from the contact links (migration 0022,
 * links.ts). One inside a day or across a single midnight has no whole day: each contact's
 * earliest outbound message of the window is read from messages and looked up for an answer.
 * test/integration/metrics/contacts-fast-path.test.ts checks both against the direct derivation.
 */
export async function replyRates(db: Kysely<Database>, q: ReportQuery): Promise<ReplyRates> {
  const channel = q.filters.channel;
  const split = splitWindow(q.window);
  const rows = split.days !== null
    ? await replyRowsFromLinks(db, { days: split.days, edges: split.edges }, channel)
    : await replyRowsFromMessages(db, split.edges, channel);
  const sent = rows.reduce((a, r) => a + Number(r.sent), 0);
  const replied = rows.reduce((a, r) => a + Number(r.replied), 0);
  return { total: rate(replied, sent), bySource: bySource(rows, (r) => rate(Number(r.replied), Number(r.sent)), () => rate(0, 0)) };
}

/** A window without a whole UTC day: each contact's earliest outbound message in it, by source label. */
async function replyRowsFromMessages(db: Kysely<Database>, spans: DaySplit['edges'], channel: string | undefined): Promise<{ source: string; sent: number; replied: number }[]> {
  const { rows } = await sql<{ source: string; sent: number; replied: number }>`
    SELECT ${sourceLabelOf(sql.ref('f.contact_id'))} AS source,
      count(*)::int AS sent, count(*) FILTER (WHERE f.replied)::int AS replied
    FROM ${firstSentIn(spans, channel === undefined ? null : sql<boolean>`m.phone_number_id = ${channel}`)} f
    GROUP BY 1`.execute(db);
  return rows;
}
