import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { during } from '../rollup-hours.js';
import type { CountRow } from './cycle-counts.js';

const DAY_MS = 86_400_000;

/**
 * cycleCounts' rows for an unfiltered window (no channel, agent or team), from the rollups of migrations/0018 instead of a
 * pass over every cycle overlapping the window:
 *  - opened, closed by closer and by category, closed without a response: the rollups
 *    (+ uncompacted deltas) of the whole UTC days inside [from, to), plus the facts of the cycles
 *    opened or closed in the partial days at either edge, read from conversations — or, for an
 *    edge longer than half its day, that day's rollups minus the facts of the rest of the day;
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
  // whole UTC days [dayFrom, dayTo) from the rollups; the edges [from, e1) and [e2, to) from cycles
  const dayFrom = Math.ceil(from / DAY_MS) * DAY_MS;
  const dayTo = Math.floor(to / DAY_MS) * DAY_MS;
  const e1 = Math.min(dayFrom, to);
  const e2 = Math.max(dayTo, e1);
  const at = (ms: number) => new Date(ms);
  const edges = [{ lo: from, hi: e1 }, { lo: e2, hi: to }].filter((e) => e.lo < e.hi);

  const rolled = (days: RawBuilder<boolean>, events: string[]) => sql.join(
    ['cycle_count_rollups', 'cycle_count_rollup_deltas'].map((table) => sql`
      SELECT r.event, r.opened_by, r.closed_by, r.category, r.unanswered, r.n FROM ${sql.table(table)} r
       WHERE r.event IN (${sql.join(events)}) AND ${days}`),
    sql` UNION ALL `,
  );
  // the facts of the cycles opened or closed in [lo, hi) (an ended fact is at one of those two),
  // each counted `sign` times
  const facts = (spans: { lo: number; hi: number }[], events: string[], sign: 1 | -1) => spans.map(({ lo, hi }) => sql`
      SELECT f.event, f.opened_by, f.closed_by, f.category, f.unanswered, ${sign}::bigint AS n
        FROM conversations c CROSS JOIN LATERAL cycle_count_facts(c) f
       WHERE (${during('c.opened_at', at(lo), at(hi))} OR ${during('c.closed_at', at(lo), at(hi))})
         AND f.event IN (${sql.join(events)}) AND ${during('f.at', at(lo), at(hi))}`);
  // A partial day [lo, hi) inside one UTC day: its own cycles when it is at most half the day,
  // else the day's rollups minus the cycles of the rest of the day — the shorter read either way
  // (an edge ending at now, a "today" window, has the rest of its day in the future: nothing).
  const partialDay = ({ lo, hi }: { lo: number; hi: number }, events: string[]): RawBuilder<unknown>[] => {
    if (hi - lo <= DAY_MS / 2) return facts([{ lo, hi }], events, 1);
    const day = Math.floor(lo / DAY_MS) * DAY_MS;
    const rest = [{ lo: day, hi: lo }, { lo: hi, hi: day + DAY_MS }].filter((e) => e.lo < e.hi);
    return [rolled(during('r.day', at(day), at(day + DAY_MS)), events), ...facts(rest, events, -1)];
  };
  const inWindow = sql.join([
    ...(dayFrom < dayTo ? [rolled(during('r.day', at(dayFrom), at(dayTo)), ['opened', 'closed'])] : []),
    ...edges.flatMap((e) => partialDay(e, ['opened', 'closed'])),
  ], sql` UNION ALL `);
  // unresolved: every day before to's UTC day (dayTo), then that day up to `to`
  const state = sql.join([
    rolled(sql<boolean>`r.day < ${at(dayTo)}::timestamptz`, ['opened', 'ended']),
    ...(dayTo < to ? partialDay({ lo: dayTo, hi: to }, ['opened', 'ended']) : []),
  ], sql` UNION ALL `);

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
