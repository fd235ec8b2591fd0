import { sql, type RawBuilder } from 'kysely';
import { bucketSpan } from '../messages/rollup-facts.js';
import { during, wholeHourRows } from '../rollup-hours.js';
import type { ReportFilters, ReportWindow } from '../window.js';
import { agentCondition, allOf } from './cycle-facts.js';

/**
 * What the busy-hours staffing side counts (migrations/0014): `agent_reply` (an outbound message
 * by a known agent, never history, at its send time, agent = its agent), `opened` and
 * `opened_by_contact` (cycles at opened_at, agent = assignee), `closed` (cycles at closed_at,
 * agent = closing agent, else assignee at close).
 */
export type BusyFactKind = 'agent_reply' | 'opened' | 'opened_by_contact' | 'closed';

/**
 * A FROM-able set of facts of these kinds in [from, to), columns (at, kind, channel, agent, n),
 * with the channel filter and the agent/team filters applied to `agent`. Whole 15-minute
 * buckets come from busy_hour_rollups plus the deltas not yet compacted (`at` = bucket start,
 * which lies in the same local hour as every instant of its bucket in any real zone), and the
 * whole hours that are one local hour of w.tz from busy_hour_rollups_hourly (migrations/0017,
 * a third of the rows; rollup-hours.ts); the partial buckets at either edge from the base rows
 * through the same SQL functions, so sums are exact. Rows may net to zero: sum `n`. Read it in
 * one statement (one snapshot of rollups and deltas).
 */
export function busyFacts(w: ReportWindow, filters: ReportFilters, kinds: readonly BusyFactKind[]): RawBuilder<unknown> {
  const { lo, hi } = bucketSpan(w);
  const kindList = sql.join(kinds.map((k) => sql.lit(k)));
  const rolled = wholeHourRows({
    lo, hi, tz: w.tz,
    quarters: { table: 'busy_hour_rollups', columns: sql`r.kind, r.phone_number_id AS channel, r.agent_id AS agent, r.n` },
    hours: { table: 'busy_hour_rollups_hourly', columns: sql`x.kind, x.phone_number_id, x.agent_id, x.n` },
    where: (alias) => sql<boolean>`${sql.ref(`${alias}.kind`)} IN (${kindList})`,
  });
  const deltas = sql`SELECT r.bucket, r.kind, r.phone_number_id, r.agent_id, r.n
    FROM busy_hour_rollup_deltas r WHERE ${during('r.bucket', lo, hi)} AND r.kind IN (${kindList})`;
  const edges = [{ from: w.from, to: lo }, { from: hi, to: w.to }].filter((e) => e.from < e.to);
  const inEdges = (column: string) => sql<boolean>`(${sql.join(edges.map((e) => during(column, e.from, e.to)), sql` OR `)})`;
  const wantsMessages = kinds.includes('agent_reply');
  const wantsCycles = kinds.some((k) => k !== 'agent_reply');
  const base = edges.length === 0 ? [] : [
    ...(wantsMessages ? [sql`SELECT f.at, f.kind, f.phone_number_id, f.agent_id, 1::bigint
      FROM messages m CROSS JOIN LATERAL busy_hour_message_facts(m) f
      WHERE ${inEdges('m.counted_at')} AND f.kind IN (${kindList})`] : []),
    ...(wantsCycles ? [sql`SELECT f.at, f.kind, f.phone_number_id, f.agent_id, 1::bigint
      FROM conversations c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
      WHERE (${inEdges('c.opened_at')} OR ${inEdges('c.closed_at')}) AND ${inEdges('f.at')} AND f.kind IN (${kindList})`] : []),
  ];
  const parts = [rolled.rows, deltas, ...base];
  return sql`(${rolled.with}
    SELECT f.* FROM (${sql.join(parts, sql` UNION ALL `)}) f
    WHERE ${allOf([
      filters.channel === undefined ? null : sql<boolean>`f.channel = ${filters.channel}`,
      agentCondition(sql`f.agent`, filters),
    ])}
  )`;
}
