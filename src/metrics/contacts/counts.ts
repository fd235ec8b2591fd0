import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow } from '../messages/message-facts.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import { dayReads, type Span } from '../rollup-days.js';
import { during } from '../rollup-hours.js';
import type { ReportQuery } from '../window.js';
import { bySource, firstMessageOn, sourceLabel, type BySource } from './source.js';

export type SourceCounts = { total: number; bySource: BySource<number> };

const EVENT = { created_at: 'created', deleted_at: 'deleted' } as const;

/**
 * Contacts whose `column` (created_at → new, deleted_at → deleted) is in [from, to), by source
 * label. channel: contacts whose first message was on that number. Unfiltered, from the contact
 * count rollups (rolledContactCounts); filtered, from contacts, since the rollups do not know a
 * contact's first channel.
 */
export async function contactsBySource(db: Kysely<Database>, q: ReportQuery, column: 'created_at' | 'deleted_at'): Promise<SourceCounts> {
  const rows = q.filters.channel === undefined
    ? await rolledContactCounts(db, q.window, EVENT[column])
    : (await sql<{ source: string; n: number }>`
        SELECT ${sourceLabel} AS source, count(*)::int AS n
        FROM contacts ct
        WHERE ${allOf([inWindow(sql.ref(`ct.${column}`), q.window), firstMessageOn(q.filters.channel)])}
        GROUP BY 1`.execute(db)).rows;
  return { total: rows.reduce((a, r) => a + Number(r.n), 0), bySource: bySource(rows, (r) => Number(r.n), () => 0) };
}

/**
 * The contacts of `event` in [from, to) per source label, from the rollups of migrations/0023
 * instead of a pass over every contact of the window (at 10M over 90 days, 478,000): the
 * rollups (+ uncompacted deltas) of the whole UTC days inside it, plus the contacts of the
 * partial days at either edge, read by the created_at / deleted_at index (an edge longer than
 * half its day: that day's rollups minus the rest of the day, dayReads). Rollups and edges both
 * take their facts from contact_count_facts, so a contact counts the same wherever it is read.
 * One statement, so rollups, deltas and contacts are read in one snapshot: a delta folded in by
 * a compaction meanwhile is seen in one place or the other, never both.
 */
export async function rolledContactCounts(
  db: Kysely<Database>,
  w: { from: Date; to: Date },
  event: 'created' | 'deleted',
): Promise<{ source: string; n: number }[]> {
  const at = (ms: number) => new Date(ms);
  const reads = dayReads(w.from.getTime(), w.to.getTime());
  const rolled = ({ lo, hi }: { lo: number | null; hi: number }) => sql.join(
    ['contact_count_rollups', 'contact_count_rollup_deltas'].map((table) => sql`
      SELECT r.source, r.n FROM ${sql.table(table)} r
       WHERE r.event = ${event} AND ${lo === null ? sql<boolean>`r.day < ${at(hi)}::timestamptz` : during('r.day', at(lo), at(hi))}`),
    sql` UNION ALL `,
  );
  const column = event === 'created' ? 'ct.created_at' : 'ct.deleted_at';
  const contacts = (sign: 1 | -1) => ({ lo, hi }: Span) => sql`
      SELECT f.source, ${sign}::bigint AS n FROM contacts ct CROSS JOIN LATERAL contact_count_facts(ct) f
       WHERE ${during(column, at(lo), at(hi))} AND f.event = ${event}`;
  const parts: RawBuilder<unknown>[] = [...reads.days.map(rolled), ...reads.add.map(contacts(1)), ...reads.subtract.map(contacts(-1))];
  if (parts.length === 0) return [];
  return (await sql<{ source: string; n: number }>`
    SELECT source, sum(n)::int AS n FROM (${sql.join(parts, sql` UNION ALL `)}) x
     GROUP BY source HAVING sum(n) <> 0`.execute(db)).rows;
}
