import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportWindow } from '../window.js';

/** One count of the conversations report: a figure (`kind`), split by `key` where it has one. */
export type CountRow = { kind: 'opened' | 'closed_by' | 'category' | 'unresolved' | 'closed_without_response'; key: string | null; n: number };

/**
 * The conversations report's counts (METRICS "Conversations"): opened by opened_by (opened_at
 * in window), closed by closed_by and by category (closed_at in window), unresolved at `to`,
 * contact-opened cycles closed in window without a first reply. `ctes` is durationCtes for the
 * window and scope: its `rt_cycles` (every cycle overlapping the window) is what is counted.
 * Ordered by kind, then n descending, then key.
 */
export async function cycleCounts(db: Kysely<Database>, ctes: RawBuilder<unknown>, w: ReportWindow): Promise<CountRow[]> {
  const closedInWindow = sql`c.closed_at >= ${w.from}::timestamptz AND c.closed_at < ${w.to}::timestamptz`;
  return (await sql<CountRow>`WITH ${ctes},
      -- one pass over the window's cycles, every count a FILTER of it (rt_cycles read once is
      -- inlined, so the planner sees the real row estimates; read six times it was materialised
      -- and the first-reply lookup below ran as one index probe per cycle). The few
      -- (opened_by, closed_by, category) groups it yields are split into the figures below.
      -- fr: the cycle's first_response value, single-valued so seq 0 (migrations/0008),
      -- at most one row by the primary key, so the join never multiplies a cycle
      rt_counts AS MATERIALIZED (
        SELECT c.opened_by, c.closed_by, coalesce(nullif(c.category, ''), 'uncategorised') AS category,
               count(*) FILTER (WHERE c.opened_at >= ${w.from}::timestamptz) AS opened,
               count(*) FILTER (WHERE ${closedInWindow}) AS closed,
               count(*) FILTER (WHERE c.closed_at IS NULL OR c.closed_at >= ${w.to}::timestamptz) AS unresolved,
               -- contact-opened cycles closed in window with no first reply (one is never after the close)
               count(*) FILTER (WHERE ${closedInWindow} AND c.opened_by = 'contact' AND fr.cycle_id IS NULL) AS without_response
          FROM rt_cycles c
          LEFT JOIN cycle_durations fr ON fr.cycle_id = c.id AND fr.metric = 'first_response' AND fr.seq = 0
         GROUP BY 1, 2, 3
      )
      SELECT 'opened' AS kind, opened_by AS key, sum(opened)::int AS n FROM rt_counts GROUP BY opened_by HAVING sum(opened) > 0
      UNION ALL
      SELECT 'closed_by', closed_by, sum(closed)::int FROM rt_counts GROUP BY closed_by HAVING sum(closed) > 0
      UNION ALL
      SELECT 'category', category, sum(closed)::int FROM rt_counts GROUP BY category HAVING sum(closed) > 0
      UNION ALL
      SELECT 'unresolved', NULL, coalesce(sum(unresolved), 0)::int FROM rt_counts
      UNION ALL
      SELECT 'closed_without_response', NULL, coalesce(sum(without_response), 0)::int FROM rt_counts
      ORDER BY kind, n DESC, key`.execute(db)).rows;
}
