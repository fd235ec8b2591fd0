import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportQuery } from '../window.js';
import { rollupFacts, type RollupOptions } from './rollup-facts.js';

export type BillableCategory = { category: string | null; count: number };
/** Billable outbound messages sent in the window, by pricing category (null: no category given). */
export type Billable = { total: number; byCategory: BillableCategory[] };

/**
 * Billable messages of the sent cohort (windowed by send time, like `sent`), for all channels
 * and per channel, from the rollups (kind `sent_billable`). Categories are ordered by count,
 * descending, then by name.
 */
export async function billableCounts(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<{ total: Billable; byChannel: Map<string | null, Billable> }> {
  const { rows } = await sql<{ total_row: number; channel: string | null; category: string | null; n: number }>`
    SELECT GROUPING(channel)::int AS total_row, channel, category, sum(n)::int AS n
    FROM (
      SELECT f.channel, f.category, sum(f.n) AS n FROM ${rollupFacts(q.window, q.filters, opts)} f
      WHERE f.kind = 'sent_billable' GROUP BY f.channel, f.category HAVING sum(f.n) <> 0
    ) b
    GROUP BY GROUPING SETS ((channel, category), (category))
    ORDER BY n DESC, category NULLS LAST`.execute(db);
  const total: Billable = { total: 0, byCategory: [] };
  const byChannel = new Map<string | null, Billable>();
  for (const r of rows) {
    const target = r.total_row === 1 ? total : byChannel.get(r.channel) ?? byChannel.set(r.channel, { total: 0, byCategory: [] }).get(r.channel)!;
    target.byCategory.push({ category: r.category, count: Number(r.n) });
    target.total += Number(r.n);
  }
  return { total, byChannel };
}
