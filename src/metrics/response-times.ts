import { sql, type RawBuilder } from 'kysely';
import { businessSecondsSql, type BusinessHours } from './business-hours.js';
import type { ReportWindow } from './window.js';

/**
 * The shared SQL behind first response, response and resolution times (METRICS
 * "Conversations"): a chain of CTEs to put after `WITH`, ending in `rt_durations`, one row per
 * duration value, anchored at the moment it is about (event-date anchoring):
 *
 *   metric          started_at → ended_at (ended_at in [from, to))        agent_id
 *   first_response  opened_at → first human reply after it               the replying agent
 *   response        first inbound of a contact turn → the reply ending it the replying agent
 *   resolution      opened_at → closed_at (closed_by ≠ auto_close)       assignee at close
 *   auto_close_resolution  the same for auto_close cycles, kept apart    assignee at close
 *
 * plus `seconds` (wall clock) and `business_seconds` (only with business hours, else NULL).
 * The values themselves are precomputed per cycle at write time (cycle_durations, with the
 * rules in migration 0008 and why windowing the stored rows by ended_at gives the same values
 * a per-window derivation did); this only selects the window's rows and applies the scope.
 * `rt_cycles` (cycles overlapping the window, scope applied) is there for other figures.
 */

export type CycleScope = {
  window: ReportWindow;
  /** cycles on this business number (phone_number_id) */
  channel?: string | undefined;
  /** cycles whose assignee (current; at close once closed) is this agent */
  assignee?: string | undefined;
  /** cycles whose assignee is in this agents.team */
  assigneeTeam?: string | undefined;
  businessHours?: BusinessHours | undefined;
};

export type DurationMetric = 'first_response' | 'response' | 'resolution' | 'auto_close_resolution';

/**
 * The CTE list (without `WITH`) described above, used as: WITH <durationCtes(scope)> SELECT …
 * FROM rt_durations … (more CTEs may follow after a comma). Values are windowed by ended_at in
 * the half-open [from, to); the scope's channel/assignee/team restrict the cycles they come
 * from, through each cycle's current conversations row.
 */
export function durationCtes(s: CycleScope): RawBuilder<unknown> {
  const from = sql`${s.window.from}::timestamptz`;
  const to = sql`${s.window.to}::timestamptz`;
  const scope = [
    ...(s.channel !== undefined ? [sql`AND c.phone_number_id = ${s.channel}`] : []),
    ...(s.assignee !== undefined ? [sql`AND c.assignee_id = ${s.assignee}`] : []),
    ...(s.assigneeTeam !== undefined ? [sql`AND c.assignee_id IN (SELECT a.id FROM agents a WHERE a.team = ${s.assigneeTeam})`] : []),
  ];
  const business = s.businessHours ? businessSecondsSql(sql`d.started_at`, sql`d.ended_at`, s.businessHours, s.window.tz) : sql`NULL::float8`;
  // no scope: the window's rows alone (cycle_durations_ended); with one, each row's cycle
  // through its primary key
  const scoped = scope.length === 0 ? sql`` : sql`AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = d.cycle_id ${sql.join(scope, sql` `)})`;
  return sql`
  -- every cycle some figure of the window can come from: opened before \`to\`, not closed before \`from\`
  rt_cycles AS (
    SELECT c.id, c.source, c.external_id, c.contact_id, c.phone_number_id, c.opened_at, c.opened_by,
           c.closed_at, c.closed_by, c.closer_agent_id, c.category, c.assignee_id
      FROM conversations c
     WHERE c.opened_at < ${to} AND (c.closed_at >= ${from} OR c.closed_at IS NULL) ${sql.join(scope, sql` `)}
  ),
  -- MATERIALIZED only with business hours: the stats read business_seconds a dozen times per
  -- row, and inlined the function would run that many times; without them, inlining lets the
  -- aggregate read the index range directly
  rt_durations AS ${s.businessHours ? sql`MATERIALIZED` : sql`NOT MATERIALIZED`} (
    SELECT d.metric, d.cycle_id, d.started_at, d.ended_at, d.agent_id, d.seconds, ${business} AS business_seconds
      FROM cycle_durations d
     WHERE d.ended_at >= ${from} AND d.ended_at < ${to} ${scoped}
  )`;
}
