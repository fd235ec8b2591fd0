import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { DaySplit } from './contact-days.js';
import { firstSentIn, receivedIn } from './edges.js';
import type { NewVsReturning } from './new-returning.js';
import { sourceLabelOf } from './source.js';

/**
 * The contacts report over a window holding whole UTC days [D1, D2), read from contact links
 * (migration 0022) instead of one contact_days row per contact and day: at 10M messages over
 * 90 days, a few thousand counts instead of 1.65M rows and 500,000 probes. Links are kept per
 * business number and for all numbers together (channel ''), so a channel filter picks its own.
 *
 * - A contact is active in [D1, D2) exactly when one of its link rows there has no previous
 *   received day before D1: counting those rows counts distinct contacts. The same holds for
 *   contacts sent a message, and that row's day is the one holding their first outbound
 *   message of [D1, D2), with whether it was answered.
 * - Contacts with a marked key (contact_day_dirty) may have stale rows: their stored rows are
 *   subtracted and rows computed now through the same function added (`stale`, `fresh`).
 * - The partial days at either edge are read from messages, as in the day-rows path, and each
 *   edge contact is set against its own link rows.
 * The direct derivation from messages (test/helpers/contacts-reference.ts) must give the same
 * figures: test/integration/metrics/contacts-fast-path.test.ts.
 */

type WholeDays = NonNullable<DaySplit['days']>;
export type LinkSplit = { days: WholeDays; edges: DaySplit['edges'] };

const ts = (d: Date) => sql`${d}::timestamptz`;

/**
 * `stale`: the stored link rows of contacts with a marked key; `fresh`: their rows computed now;
 * both for `channel` only. Each statement names them once in its WITH, so they are computed
 * once per statement.
 */
function dirtyCtes(channel: string): RawBuilder<unknown> {
  return sql`dirty_contacts AS MATERIALIZED (
      SELECT coalesce(array_agg(DISTINCT contact_id), '{}') AS c FROM contact_day_dirty
    ), stale AS MATERIALIZED (
      SELECT l.* FROM dirty_contacts dc JOIN contact_links l ON l.contact_id = ANY (dc.c) AND l.channel = ${channel}
    ), fresh AS MATERIALIZED (
      SELECT l.* FROM dirty_contacts dc CROSS JOIN LATERAL contact_link_rows(dc.c, true) l WHERE l.channel = ${channel}
    )`;
}

/**
 * The rows on `channel` as they are now of the contacts listed in CTE `set` (a contact_id
 * column, each contact once), from `table` for unmarked contacts and from `fresh` (computed now,
 * already on `channel`) for marked ones; with `days`, the stored link rows of those days only
 * (the key's last column: at 10M over 90 days, 12,845 rows of 5,426 edge contacts read for the
 * 5,426 that matter). The stored rows are fetched by key through an array:
 * joined to the set, the planner hashed the whole table for a partial day's contacts (at 1M over
 * 90 days, 165,000 rows for 614 contacts: 105 of the statement's 132 ms).
 */
function currentRowsOf(set: string, table: 'contact_links' | 'contact_firsts', fresh: string, channel: string, days?: WholeDays): RawBuilder<unknown> {
  const ids = sql`ARRAY(SELECT s.contact_id FROM ${sql.table(set)} s)`;
  return sql`(
    SELECT r.* FROM ${sql.table(table)} r
    WHERE r.contact_id = ANY (${ids}) AND r.channel = ${channel} ${days ? sql`AND r.day >= ${ts(days.from)} AND r.day < ${ts(days.to)}` : sql``}
      AND NOT EXISTS (SELECT 1 FROM contact_day_dirty k WHERE k.contact_id = r.contact_id)
    UNION ALL
    SELECT r.* FROM ${sql.table(set)} s JOIN ${sql.table(fresh)} r ON r.contact_id = s.contact_id
  )`;
}

/** Link rows (alias l) that are their contact's first of `kind` in [D1, D2). */
function firstIn(kind: 'received' | 'sent', days: WholeDays): RawBuilder<boolean> {
  const prev = kind === 'received' ? sql.ref('l.prev_received_day') : sql.ref('l.prev_sent_day');
  return sql<boolean>`${sql.ref(`l.${kind}`)} AND l.day >= ${ts(days.from)} AND l.day < ${ts(days.to)} AND coalesce(${prev}, '-infinity') < ${ts(days.from)}`;
}

/** Counts (alias c) of rows on `channel` that are their contact's first of `kind` in [D1, D2). */
function countedFirstIn(kind: 'received' | 'sent', days: WholeDays, channel: string): RawBuilder<boolean> {
  return sql<boolean>`c.channel = ${channel} AND c.kind = ${kind} AND c.day >= ${ts(days.from)} AND c.day < ${ts(days.to)} AND c.prev_day < ${ts(days.from)}`;
}

/** Edge messages (alias m) on the filter's number; none to add without one. */
const onNumber = (filter: string | undefined) => (filter === undefined ? null : sql<boolean>`m.phone_number_id = ${filter}`);

/**
 * METRICS "new vs returning" (definitions in new-returning.ts), on `filter`'s number or on all.
 * active = contacts active on the whole days + edge contacts who are not.
 * new: a contact is new and active exactly when its first inbound message is at or after
 * `from` and it received before `to`. From contact_firsts that is "first inbound ≥ from and
 * first received day < D2" — such a day is at or after from's day, so its received message
 * falls in the window — plus the contacts who first received at the end edge, on day D2. Rows
 * whose first inbound message is at or after D1 are counted per (UTC day of it, first received
 * day) in contact_first_counts (migration 0024), so only those of the start edge are counted
 * one by one: at 10M over 90 days, a few thousand index entries instead of 477,000.
 */
export async function newVsReturningFromLinks(db: Kysely<Database>, from: Date, split: LinkSplit, filter: string | undefined): Promise<NewVsReturning> {
  const { days } = split;
  const channel = filter ?? '';
  const isNew = (f: string) => sql<boolean>`${sql.ref(`${f}.first_inbound_at`)} >= ${ts(from)} AND ${sql.ref(`${f}.first_received_day`)} < ${ts(days.to)}`;
  const { rows } = await sql<{ active: string; new: string }>`
    WITH ${dirtyCtes(channel)}, fresh_firsts AS MATERIALIZED (
      SELECT f.* FROM dirty_contacts dc CROSS JOIN LATERAL contact_first_rows(dc.c, true) f WHERE f.channel = ${channel}
    ), edge AS MATERIALIZED (
      SELECT m.contact_id, bool_or(m.counted_at >= ${ts(days.to)}) AS at_end
      FROM messages m WHERE ${receivedIn(split.edges, onNumber(filter))}
      GROUP BY m.contact_id
    ), edge_whole AS MATERIALIZED (
      SELECT DISTINCT l.contact_id FROM ${currentRowsOf('edge', 'contact_links', 'fresh', channel, days)} l
      WHERE l.received AND l.day >= ${ts(days.from)} AND l.day < ${ts(days.to)}
    ), edge_firsts AS MATERIALIZED (
      SELECT f.* FROM ${currentRowsOf('edge', 'contact_firsts', 'fresh_firsts', channel)} f
    )
    SELECT
      (SELECT coalesce(sum(c.n), 0) FROM contact_link_counts c WHERE ${countedFirstIn('received', days, channel)})
      - (SELECT count(*) FROM stale l WHERE ${firstIn('received', days)})
      + (SELECT count(*) FROM fresh l WHERE ${firstIn('received', days)})
      + (SELECT count(*) FROM edge e WHERE NOT EXISTS (SELECT 1 FROM edge_whole w WHERE w.contact_id = e.contact_id)) AS active,
      (SELECT count(*) FROM contact_firsts f WHERE f.channel = ${channel} AND ${isNew('f')} AND f.first_inbound_at < ${ts(days.from)})
      + (SELECT coalesce(sum(k.n), 0) FROM contact_first_counts k
         WHERE k.channel = ${channel} AND k.inbound_day >= ${ts(days.from)} AND k.received_day < ${ts(days.to)})
      - (SELECT count(*) FROM dirty_contacts dc JOIN contact_firsts f ON f.contact_id = ANY (dc.c) AND f.channel = ${channel} WHERE ${isNew('f')})
      + (SELECT count(*) FROM fresh_firsts f WHERE ${isNew('f')})
      + (SELECT count(*) FROM edge e JOIN edge_firsts f ON f.contact_id = e.contact_id
         WHERE e.at_end AND f.first_inbound_at >= ${ts(from)} AND f.first_received_day >= ${ts(days.to)}) AS new`.execute(db);
  const active = Number(rows[0]?.active ?? 0);
  const fresh = Number(rows[0]?.new ?? 0);
  return { active, new: fresh, returning: active - fresh };
}

/**
 * METRICS "reply rate by source" (definitions in reply-rate.ts), on `filter`'s number or on
 * all, as rows of (source, sent, replied). The whole days give each contact's first sent day of
 * [D1, D2). An edge contact whose earliest outbound message is at the start edge has its first
 * there: that replaces its whole-day one, if any. One whose earliest is at the end edge counts
 * only if it was sent nothing on the whole days. Sources are the contact's current label (a
 * change marks the contact, so stored rows under an old label are among `stale`).
 */
export async function replyRowsFromLinks(db: Kysely<Database>, split: LinkSplit, filter: string | undefined): Promise<{ source: string; sent: number; replied: number }[]> {
  const { days } = split;
  const channel = filter ?? '';
  const { rows } = await sql<{ source: string; sent: string; replied: string }>`
    WITH ${dirtyCtes(channel)}, edge AS MATERIALIZED (
      SELECT e.contact_id, e.t < ${ts(days.from)} AS at_start, e.replied FROM ${firstSentIn(split.edges, onNumber(filter))} e
    ), edge_whole AS MATERIALIZED (
      SELECT l.contact_id, l.sent_replied FROM ${currentRowsOf('edge', 'contact_links', 'fresh', channel, days)} l
      WHERE ${firstIn('sent', days)}
    ), parts AS (
      SELECT c.source, c.n AS sent, c.replied FROM contact_link_counts c WHERE ${countedFirstIn('sent', days, channel)}
      UNION ALL
      SELECT l.source, -1, -(l.sent_replied::int) FROM stale l WHERE ${firstIn('sent', days)}
      UNION ALL
      SELECT l.source, 1, l.sent_replied::int FROM fresh l WHERE ${firstIn('sent', days)}
      UNION ALL
      SELECT ${sourceLabelOf(sql.ref('e.contact_id'))},
        CASE WHEN e.at_start THEN 1 - (w.contact_id IS NOT NULL)::int WHEN w.contact_id IS NULL THEN 1 ELSE 0 END,
        CASE WHEN e.at_start THEN e.replied::int - coalesce(w.sent_replied, false)::int WHEN w.contact_id IS NULL THEN e.replied::int ELSE 0 END
      FROM edge e LEFT JOIN edge_whole w ON w.contact_id = e.contact_id
    )
    SELECT p.source, sum(p.sent) AS sent, sum(p.replied) AS replied
    FROM parts p
    GROUP BY p.source
    -- a label nobody holds any more keeps counts that sum to zero
    HAVING sum(p.sent) <> 0`.execute(db);
  return rows.map((r) => ({ source: r.source, sent: Number(r.sent), replied: Number(r.replied) }));
}
