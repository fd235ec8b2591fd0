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
 * Intermediate CTEs other reports may read: `rt_cycles` (cycles overlapping the window, scope
 * applied), `rt_first_reply` (per cycle with one: first human reply after the open, any time before `to`,
 * with the cycle's opened_at, opened_by and closed_at).
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
 * A human reply (SPEC, "Without an inbox"): sent by an agent, or from the Business app (echo,
 * a person with no agent id), or, on a derived cycle where nothing says who sent it, any live
 * outbound message. Automation, broadcast and api messages never are.
 */
const humanReply = sql<boolean>`(m.direction = 'outbound' AND (m.sender_type IN ('agent', 'echo') OR (m.sender_type IS NULL AND c.source = 'derived')))`;

/**
 * An inbound message that asks for an answer; reactions, system notices and request_welcome
 * (the types METRICS leaves out of "received") neither start nor extend a contact turn.
 */
const contactMessage = sql<boolean>`(m.direction = 'inbound' AND coalesce(m.type, '') NOT IN ('reaction', 'system', 'request_welcome'))`;

/** The events of rt_cycles `c` reached through one way of matching messages `m` to cycles. */
function eventsVia(match: RawBuilder<boolean>, to: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`SELECT c.id AS cycle_id, c.opened_at, c.opened_by, c.closed_at, m.wamid, m.counted_at AS at, (m.direction = 'outbound') AS is_reply, m.agent_id
      FROM rt_cycles c JOIN messages m ON ${match}
     WHERE m.counted_at >= c.opened_at AND (c.closed_at IS NULL OR m.counted_at <= c.closed_at)
       AND m.origin <> 'history' AND m.counted_at < ${to} AND (${contactMessage} OR ${humanReply})`;
}

/**
 * The CTE list (without `WITH`) described above, used as: WITH <durationCtes(scope)> SELECT …
 * FROM rt_durations … (more CTEs may follow after a comma). Values are windowed by ended_at in
 * the half-open [from, to); the scope's channel/assignee/team restrict the cycles they come from.
 */
export function durationCtes(s: CycleScope): RawBuilder<unknown> {
  const from = sql`${s.window.from}::timestamptz`;
  const to = sql`${s.window.to}::timestamptz`;
  const scope = [
    ...(s.channel !== undefined ? [sql`AND c.phone_number_id = ${s.channel}`] : []),
    ...(s.assignee !== undefined ? [sql`AND c.assignee_id = ${s.assignee}`] : []),
    ...(s.assigneeTeam !== undefined ? [sql`AND c.assignee_id IN (SELECT a.id FROM agents a WHERE a.team = ${s.assigneeTeam})`] : []),
  ];
  const business = s.businessHours ? businessSecondsSql(sql`f.started_at`, sql`f.ended_at`, s.businessHours, s.window.tz) : sql`NULL::float8`;
  return sql`
  -- every cycle some value of the window can come from: opened before \`to\`, not closed before \`from\`
  rt_cycles AS (
    SELECT c.id, c.source, c.external_id, c.contact_id, c.phone_number_id, c.opened_at, c.opened_by,
           c.closed_at, c.closed_by, c.closer_agent_id, c.category, c.assignee_id
      FROM conversations c
     WHERE c.opened_at < ${to} AND (c.closed_at >= ${from} OR c.closed_at IS NULL) ${sql.join(scope, sql` `)}
  ),
  -- the contact's messages and the human replies of each cycle. A message belongs to a cycle by
  -- contact × number or by inbox conversation id, between its open and its close (both included);
  -- the two ways are a UNION of equi-joins rather than one OR join, which the planner could
  -- only run as a nested loop over every pair. UNION drops a pair matched both ways.
  rt_events AS (
    ${eventsVia(sql`m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id`, to)}
    UNION
    ${eventsVia(sql`m.conversation_ref = c.external_id`, to)}
  ),
  -- n = replies so far, in time order (a reply sorts before an inbound message of the same
  -- second: it cannot be answering it); inbound messages after reply k share n = k: one turn
  rt_seq AS (
    SELECT e.*, sum(CASE WHEN e.is_reply THEN 1 ELSE 0 END)
             OVER (PARTITION BY e.cycle_id ORDER BY e.at, e.is_reply DESC, e.wamid ROWS UNBOUNDED PRECEDING)::int AS n
      FROM rt_events e
  ),
  -- (cycle columns ride along in rt_seq so nothing below joins back to rt_cycles: the planner
  -- cannot estimate CTE joins and would pick nested loops)
  rt_first_reply AS (
    SELECT DISTINCT ON (cycle_id) cycle_id, opened_at, opened_by, closed_at, at, agent_id
      FROM rt_seq WHERE is_reply AND at > opened_at
     ORDER BY cycle_id, at, wamid
  ),
  -- turn k = the inbound messages with n = k and the reply n = k + 1 that ends them; its clock
  -- starts at its first inbound message (a reply after a reply has none: no value)
  rt_turns AS (
    SELECT cycle_id, started_at, at AS replied_at, agent_id FROM (
      SELECT t.*, min(t.at) FILTER (WHERE NOT t.is_reply) OVER (PARTITION BY t.cycle_id, t.turn) AS started_at
        FROM (SELECT s.*, s.n - CASE WHEN s.is_reply THEN 1 ELSE 0 END AS turn FROM rt_seq s) t
    ) x WHERE is_reply AND started_at IS NOT NULL
  ),
  rt_facts AS (
    SELECT 'first_response'::text AS metric, f.cycle_id, f.opened_at AS started_at, f.at AS ended_at, f.agent_id, NULL::text AS closed_by
      FROM rt_first_reply f
     WHERE f.opened_by = 'contact' AND f.at >= ${from} AND f.at < ${to}
    UNION ALL
    SELECT 'response', t.cycle_id, t.started_at, t.replied_at, t.agent_id, NULL
      FROM rt_turns t WHERE t.replied_at >= ${from} AND t.replied_at < ${to}
    UNION ALL
    SELECT CASE WHEN c.closed_by = 'auto_close' THEN 'auto_close_resolution' ELSE 'resolution' END,
           c.id, c.opened_at, c.closed_at, c.assignee_id, c.closed_by
      FROM rt_cycles c WHERE c.closed_at >= ${from} AND c.closed_at < ${to}
  ),
  -- MATERIALIZED: the stats read business_seconds a dozen times per row; inlined, the function
  -- would run that many times
  rt_durations AS MATERIALIZED (
    SELECT f.*, extract(epoch FROM (f.ended_at - f.started_at))::float8 AS seconds, ${business} AS business_seconds
      FROM rt_facts f
  )`;
}
