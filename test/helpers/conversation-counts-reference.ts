import { sql, type Kysely } from 'kysely';
import type { CountRow } from '../../src/metrics/conversations/cycle-counts.js';
import { durationCtes, type CycleScope } from '../../src/metrics/response-times.js';
import type { Database } from '../../src/store/index.js';

/**
 * The conversations report's counts as they were derived before the one-pass query of
 * metrics/conversations/cycle-counts.ts: one plain query per figure over `rt_cycles`, closed
 * without response as contact cycles closed in window minus those with any first_response value.
 * The reference the fast path must equal row for row, order included.
 */
export async function referenceCycleCounts(db: Kysely<Database>, scope: CycleScope): Promise<CountRow[]> {
  const w = scope.window;
  const closedInWindow = sql`closed_at >= ${w.from}::timestamptz AND closed_at < ${w.to}::timestamptz`;
  return (await sql<CountRow>`WITH ${durationCtes(scope)}
      SELECT 'opened' AS kind, opened_by AS key, count(*)::int AS n FROM rt_cycles
       WHERE opened_at >= ${w.from}::timestamptz AND opened_at < ${w.to}::timestamptz GROUP BY opened_by
      UNION ALL
      SELECT 'closed_by', closed_by, count(*)::int FROM rt_cycles WHERE ${closedInWindow} GROUP BY closed_by
      UNION ALL
      SELECT 'category', coalesce(nullif(category, ''), 'uncategorised'), count(*)::int FROM rt_cycles
       WHERE ${closedInWindow} GROUP BY coalesce(nullif(category, ''), 'uncategorised')
      UNION ALL
      SELECT 'unresolved', NULL, count(*)::int FROM rt_cycles WHERE closed_at IS NULL OR closed_at >= ${w.to}::timestamptz
      UNION ALL
      SELECT 'closed_without_response', NULL,
             (SELECT count(*) FROM rt_cycles WHERE ${closedInWindow} AND opened_by = 'contact')::int
           - (SELECT count(*) FROM rt_cycles c JOIN cycle_durations d ON d.cycle_id = c.id AND d.metric = 'first_response'
               WHERE c.closed_at >= ${w.from}::timestamptz AND c.closed_at < ${w.to}::timestamptz AND c.opened_by = 'contact')::int
      ORDER BY kind, n DESC, key`.execute(db)).rows;
}
