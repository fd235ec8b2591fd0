import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { dayReads, type Span } from '../rollup-days.js';
import { during } from '../rollup-hours.js';
import type { CountRow } from './cycle-counts.js';

/**
 * cycleCounts' rows for an unfiltered window (no channel, agent or team), from the rollups of migrations/0018 instead of a
 * pass over every cycle overlapping the window:
 *  - opened, closed by closer and by category, closed without a response: the rollups
 *    (+ uncompacted deltas) of the whole UTC days inside [from, to), plus the facts of the cycles
 *    opened or closed in the partial days at either edge, read from conversations (or, for an
 *    edge longer than half its day, that day's rollups minus the rest of the day: dayReads);
 *  - unresolved at `to`: opens minus ends (cycle_count_facts) before `to`, the same way over
 *    every day before to's UTC day plus the facts of that day up to `to`.
 * Rollups and edges both take their facts from cycle_count_facts, so a cycle counts the same
 * wherever it is read. The figures equal cycleCounts' for cycles that close no earlier than they
 * open, which is every stored cycle (inbox cycles are replayed in time order, derived ones close
 * at their last message); only unresolved is defined for any cycle, and exact for each.
 * "Without a response" is first_agent_reply_at being null where cycleCounts looks for the
 * cycle's first_response value: both are the first human reply after the open and not after the
 * close, refreshed at the same points (store/cycle-durations-repo.ts), and tested equal.
 *
 * One statement, so rollups, deltas and cycles are read in one snapshot: a delta folded in by a
 * compaction meanwhile is seen in one place or the other, never both.
 */
export async function rolledCycleCounts(db: Kysely<Database>, w: { from: Date; to: Date }): Promise<CountRow[]> {
  const from = w.from.getTime();
  const to = w.to.getTime();
  const inWindow = cycleFactsIn(from, to, ['opened', 'closed']);
  // unresolved: every fact before `to`
  const state = cycleFactsIn(null, to, ['opened', 'ended']);

  return (await sql<CountRow>`WITH
      w AS MATERIALIZED (
        SELECT event, opened_by, closed_by, category, unanswered, sum(n) AS n FROM (${inWindow}) x
         GROUP BY 1, 2, 3, 4, 5
      ),
      s AS (SELECT coalesce(sum(CASE WHEN event = 'opened' THEN n ELSE -n END), 0) AS n FROM (${state}) x)
      SELECT 'opened' AS kind, opened_by AS key, sum(n)::int AS n FROM w WHERE event = 'opened' GROUP BY opened_by HAVING sum(n) > 0
      UNION ALL
      SELECT 'closed_by', closed_by, sum(n)::int FROM w WHERE event = 'closed' GROUP BY closed_by HAVING sum(n) > 0
      UNION ALL
      SELECT 'category', category, sum(n)::int FROM w WHERE event = 'closed' GROUP BY category HAVING sum(n) > 0
      UNION ALL
      SELECT 'unresolved', NULL, n::int FROM s
      UNION ALL
      SELECT 'closed_without_response', NULL, coalesce(sum(n) FILTER (WHERE event = 'closed' AND unanswered), 0)::int FROM w
      ORDER BY kind, n DESC, key`.execute(db)).rows;
}

/**
 * The cycle_count_facts rows (event, opened_by, closed_by, category, unanswered, agent_id, n) of
 * `events` at instants in [from, to) — from null: every one before `to` — as rows to sum n over:
 * rollups (+ uncompacted deltas) by day and the facts of the cycles of the partial days, as
 * dayReads splits the window (a long edge is its day's rollups minus the rest of the day, so
 * rows may net to zero).
 */
export function cycleFactsIn(from: number | null, to: number, events: string[]): RawBuilder<unknown> {
  const at = (ms: number) => new Date(ms);
  const reads = dayReads(from, to);
  const rolled = ({ lo, hi }: { lo: number | null; hi: number }) => sql.join(
    ['cycle_count_rollups', 'cycle_count_rollup_deltas'].map((table) => sql`
      SELECT r.event, r.opened_by, r.closed_by, r.category, r.unanswered, r.agent_id, r.n FROM ${sql.table(table)} r
       WHERE r.event IN (${sql.join(events)}) AND ${lo === null ? sql<boolean>`r.day < ${at(hi)}::timestamptz` : during('r.day', at(lo), at(hi))}`),
    sql` UNION ALL `,
  );
  // the facts of the cycles opened or closed in [lo, hi) (an ended fact is at one of those two),
  // each counted `sign` times
  const facts = (sign: 1 | -1) => ({ lo, hi }: Span) => sql`
      SELECT f.event, f.opened_by, f.closed_by, f.category, f.unanswered, f.agent_id, ${sign}::bigint AS n
        FROM conversations c CROSS JOIN LATERAL cycle_count_facts(c) f
       WHERE (${during('c.opened_at', at(lo), at(hi))} OR ${during('c.closed_at', at(lo), at(hi))})
         AND f.event IN (${sql.join(events)}) AND ${during('f.at', at(lo), at(hi))}`;
  const parts = [...reads.days.map(rolled), ...reads.add.map(facts(1)), ...reads.subtract.map(facts(-1))];
  if (parts.length === 0) {
    return sql`SELECT NULL::text AS event, NULL::text AS opened_by, NULL::text AS closed_by, NULL::text AS category,
      NULL::boolean AS unanswered, NULL::text AS agent_id, 0::bigint AS n WHERE false`;
  }
  return sql.join(parts, sql` UNION ALL `);
}
