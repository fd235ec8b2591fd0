import { sql, type RawBuilder } from 'kysely';
import type { ReportWindow } from '../window.js';

const DAY_MS = 86_400_000;

/**
 * A window cut into the whole UTC days inside it, read from the contact links (migration 0022,
 * links.ts), and the partial spans at either edge, read from messages. `days` is null when no whole day fits,
 * and then the one edge is the whole window.
 */
export type DaySplit = { days: { from: Date; to: Date } | null; edges: { from: Date; to: Date }[] };

export function splitWindow(w: ReportWindow): DaySplit {
  const first = new Date(Math.ceil(w.from.getTime() / DAY_MS) * DAY_MS);
  const end = new Date(Math.floor(w.to.getTime() / DAY_MS) * DAY_MS);
  if (first.getTime() >= end.getTime()) return { days: null, edges: w.from < w.to ? [{ from: w.from, to: w.to }] : [] };
  const edges = [{ from: w.from, to: first }, { from: end, to: w.to }].filter((e) => e.from < e.to);
  return { days: { from: first, to: end }, edges };
}

/**
 * The rows of the keys marked since the last settle, computed from messages by the same
 * function the settle step stores (contact_day_rows). A query puts this once in its WITH as
 * `dirty_days` (MATERIALIZED: computed once, not per probe) before using currentDayRows.
 */
export const dirtyDaysCte: RawBuilder<unknown> = sql`dirty_days AS MATERIALIZED (
    SELECT d.* FROM (SELECT array_agg(contact_id) AS c, array_agg(day) AS dd FROM (SELECT DISTINCT contact_id, day FROM contact_day_dirty) u) k
      CROSS JOIN LATERAL contact_day_rows(k.c, k.dd) d)`;

/**
 * The rows of contact_days that satisfy `where` (on alias `d`), exact now: stored rows of keys
 * nobody marked since the last settle, and `dirty_days` (see dirtyDaysCte) for the marked ones.
 * `where` is applied inside both branches, so an index on the stored table still serves it.
 */
export function currentDayRows(where: RawBuilder<boolean>): RawBuilder<unknown> {
  return sql`(
    SELECT d.* FROM contact_days d
    WHERE ${where} AND NOT EXISTS (SELECT 1 FROM contact_day_dirty k WHERE k.contact_id = d.contact_id AND k.day = d.day)
    UNION ALL
    SELECT d.* FROM dirty_days d WHERE ${where}
  )`;
}

/** `expr` in any of the spans (false when there are none). */
export function inSpans(expr: RawBuilder<unknown>, spans: readonly { from: Date; to: Date }[]): RawBuilder<boolean> {
  if (spans.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(spans.map((s) => sql`(${expr} >= ${s.from}::timestamptz AND ${expr} < ${s.to}::timestamptz)`), sql` OR `)})`;
}
